/**
 * Change notices: every write to what a sync with nothing to do depends on — the workshop's head
 * (`workshop_sync`), its members (role, removal) and its devices (revocation, last seen) — sends
 * `NOTIFY styliste_changes, '<workshop id>'` when its transaction commits. A trigger does it, so
 * no write path can forget it: pushes, member and device routes, server-side writes, a manual
 * UPDATE in psql. Each cloud instance listens and drops what it had cached of that workshop
 * (syncStateCache.ts); several instances on one Postgres stay consistent this way.
 *
 * Postgres sends one notice per distinct payload per transaction, so a push of 500 mutations is
 * one notice. Notices of a transaction that rolls back are never sent.
 */
import { sql } from 'drizzle-orm';

export const CHANGES_CHANNEL = 'styliste_changes';

/** The tables whose rows decide the answer to a sync with nothing to do. */
export const NOTICE_TABLES = ['workshop_sync', 'members', 'devices'] as const;

const FUNCTION = 'styliste_notice_change';

/** Created (or replaced) at every start, after the migrations, like the sync-state function. */
export const changeNoticeSql = (): string[] => [
  `CREATE OR REPLACE FUNCTION ${FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('${CHANGES_CHANNEL}', OLD.workshop_id::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('${CHANGES_CHANNEL}', NEW.workshop_id::text);
  END IF;
  RETURN NULL;
END
$fn$`,
  ...NOTICE_TABLES.map(
    (table) => `CREATE OR REPLACE TRIGGER ${table}_notice AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${FUNCTION}()`,
  ),
];

export async function installChangeNotices(db: { execute(query: ReturnType<typeof sql.raw>): Promise<unknown> }): Promise<void> {
  for (const statement of changeNoticeSql()) await db.execute(sql.raw(statement));
}

/** A notice's payload: a workshop id, or an instance's heartbeat (`beat:<instance>`). */
export type ChangeNotice = { kind: 'workshop'; workshopId: string } | { kind: 'beat'; instance: string };

export function parseNotice(payload: string): ChangeNotice {
  return payload.startsWith('beat:') ? { kind: 'beat', instance: payload.slice(5) } : { kind: 'workshop', workshopId: payload };
}

export const beatPayload = (instance: string) => `beat:${instance}`;
