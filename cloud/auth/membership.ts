/**
 * The acting member, re-read from the database on every request: a revoked member is refused at
 * once with `access_revoked`, the code that tells the app to lock and wipe the workshop's data.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { AccessClaims } from './tokens.js';
import { HttpError } from '../http/errors.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import type { Locale } from '../../shared/i18n/index.js';

export interface Member {
  id: string;
  name: string;
  role: Role;
}

const REVOKED = {
  fr: 'Votre accès à cet atelier a été retiré. Les données de l’atelier vont être effacées de cet appareil.',
  en: 'Your access to this workshop was revoked. The workshop data will be erased from this device.',
};
const OWNER_ONLY = { fr: 'Seul le propriétaire de l’atelier peut faire cela.', en: 'Only the workshop owner can do this.' };

/** The refusal that tells the app to lock and wipe the workshop's local data. */
export function revokedMember(locale: Locale): HttpError {
  return new HttpError(403, 'access_revoked', REVOKED[locale]);
}

/** Must run inside `withWorkshop(auth.workshopId, …)`. */
export async function loadMember(tx: Tx, auth: AccessClaims, locale: Locale): Promise<Member> {
  const [member] = await rows<{ id: string; name: string; role: string; deleted_at: string | null }>(
    tx,
    sql`SELECT id, name, role, deleted_at FROM members WHERE id = ${auth.memberId} AND user_id = ${auth.userId}`,
  );
  if (!member || member.deleted_at) throw revokedMember(locale);
  return { id: member.id, name: member.name, role: roleSchema.parse(member.role) };
}

export async function loadOwner(tx: Tx, auth: AccessClaims, locale: Locale): Promise<Member> {
  const member = await loadMember(tx, auth, locale);
  if (member.role !== 'owner') throw new HttpError(403, 'forbidden', OWNER_ONLY[locale]);
  return member;
}
