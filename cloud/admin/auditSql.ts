/**
 * Writes one entry of the insert-only audit log (cloud/db/adminSchema.ts), in the transaction of
 * the action it records, so that an action is never done without its entry.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import type { AuditAction, AuditTarget } from '../../shared/admin/auditActions.js';

export interface AuditEntry {
  /** Who: the admin (null id for a failed sign-in of an unknown address). */
  admin: { id: string | null; email: string };
  action: AuditAction;
  target?: { type: AuditTarget; id: string };
  workshopId?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /** Non-personal detail (a support view's page, a failure's cause). */
  detail?: unknown;
  ip?: string | null;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export async function writeAudit(tx: Tx, entry: AuditEntry, now: Date): Promise<void> {
  await tx.execute(sql`
    INSERT INTO admin_audit (at, admin_id, admin_email, action, target_type, target_id, workshop_id, reason, before, after, detail, ip)
    VALUES (${now.toISOString()}, ${entry.admin.id}, ${entry.admin.email}, ${entry.action}, ${entry.target?.type ?? null}, ${entry.target?.id ?? null},
            ${entry.workshopId ?? null}, ${entry.reason ?? null}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${json(entry.detail)}::jsonb, ${entry.ip ?? null})`);
}
