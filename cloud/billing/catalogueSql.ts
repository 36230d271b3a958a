/** The plans and credit packs on sale, read from their tables (seeded by the migration from shared/billing/plans.ts). */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { CreditPack, Plan, PlanLimits } from '../../shared/billing/plans.js';

export async function readPlans(tx: Tx): Promise<Plan[]> {
  const found = await rows<{ id: string; name: string; monthly_price: number; yearly_price: number; limits: PlanLimits | string; position: number }>(
    tx,
    sql`SELECT id, name, monthly_price, yearly_price, limits, position FROM plans WHERE on_sale ORDER BY position, id`,
  );
  return found.map((p) => ({
    id: p.id,
    name: p.name,
    monthlyPrice: Number(p.monthly_price),
    yearlyPrice: Number(p.yearly_price),
    limits: typeof p.limits === 'string' ? (JSON.parse(p.limits) as PlanLimits) : p.limits,
    position: Number(p.position),
  }));
}

export async function readCreditPacks(tx: Tx): Promise<CreditPack[]> {
  const found = await rows<{ id: string; name: string; credits: number; price: number; position: number }>(
    tx,
    sql`SELECT id, name, credits, price, position FROM credit_packs WHERE on_sale ORDER BY position, id`,
  );
  return found.map((p) => ({ id: p.id, name: p.name, credits: Number(p.credits), price: Number(p.price), position: Number(p.position) }));
}
