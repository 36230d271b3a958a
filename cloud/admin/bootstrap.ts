/**
 * At start, `ADMIN_EMAIL` and `ADMIN_PASSWORD` create the first platform admin (a superadmin) if
 * no admin of that address exists yet; an existing one is never changed (its password neither).
 * Instances starting together create it once (the unique index decides).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { CloudDb } from '../db/client.js';
import { hashPassword } from '../auth/passwords.js';
import { adminByEmail, insertAdmin } from './adminsSql.js';
import { writeAudit } from './auditSql.js';

export async function ensureFirstAdmin(db: Pick<CloudDb, 'system'>, config: Pick<Config, 'firstAdmin'>, now: Date): Promise<'created' | 'exists' | 'none'> {
  const first = config.firstAdmin;
  if (!first) return 'none';
  if (await db.system((tx) => adminByEmail(tx, first.email))) return 'exists';
  const passwordHash = await hashPassword(first.password);
  const id = randomUUID();
  const created = await db.system(async (tx) => {
    const inserted = await insertAdmin(tx, { id, email: first.email, name: first.email.split('@')[0]!, role: 'superadmin', passwordHash, invitedBy: null, inviteTokenHash: null, inviteExpiresAt: null }, now);
    if (inserted) await writeAudit(tx, { admin: { id: null, email: 'ADMIN_EMAIL' }, action: 'admin.invite', target: { type: 'admin', id }, detail: { source: 'ADMIN_EMAIL' }, after: { email: first.email, role: 'superadmin' } }, now);
    return inserted;
  });
  return created ? 'created' : 'exists';
}
