/** Test support for the audience: requests from a given browser and address, and the stored counts. */
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import type { CloudContext } from '../../context.js';

export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 12; TECNO KG5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
export const OTHER_UA = 'Mozilla/5.0 (Linux; Android 10; itel A56) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Mobile Safari/537.36';

export interface From {
  ua?: string;
  /** The client address, given as X-Forwarded-For (the test server trusts its loopback proxy). */
  ip?: string;
  headers?: Record<string, string>;
}

export function request(base: string, path: string, from: From = {}, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': from.ip ?? '198.51.100.7', ...(from.headers ?? {}) };
  // '' sends an empty User-Agent (fetch would otherwise send its own, "node").
  headers['user-agent'] = from.ua ?? PHONE_UA;
  return fetch(`${base}${path}`, { redirect: 'manual', ...init, headers: { ...headers, ...((init.headers as Record<string, string>) ?? {}) } });
}

export interface StoredCounts {
  day: string;
  views: number;
  whatsappTaps: number;
  callTaps: number;
}

/** The workshop's stored daily counts, oldest first. */
export async function storedStats(ctx: CloudContext, workshopId: string): Promise<StoredCounts[]> {
  const found = await ctx.db.system((tx) =>
    rows<{ day: string; views: number; whatsapp_taps: number; call_taps: number }>(
      tx,
      sql`SELECT day::text AS day, views, whatsapp_taps, call_taps FROM directory_daily_stats WHERE workshop_id = ${workshopId} ORDER BY day`,
    ),
  );
  return found.map((r) => ({ day: r.day, views: Number(r.views), whatsappTaps: Number(r.whatsapp_taps), callTaps: Number(r.call_taps) }));
}

export async function storedSalts(ctx: CloudContext): Promise<{ day: string; salt: string }[]> {
  return ctx.db.system((tx) => rows<{ day: string; salt: string }>(tx, sql`SELECT day::text AS day, salt FROM directory_salts ORDER BY day`));
}
