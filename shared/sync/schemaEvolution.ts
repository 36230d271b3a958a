/**
 * Schema evolution (DESIGN.md, normative): what each version of the synced schema added, so that
 * the hub leaves out of a device's pulls the tables and fields that device does not know, and a
 * device that upgrades knows which tables to pull again (syncLocal.ts `noteSchemaUpgrade`).
 *
 * Version 1 is the first release (commit c374ffb). Its devices send no version, and they cannot
 * take what they do not know: a pulled field they lack fails the whole page ("Champ inconnu"), a
 * table they lack fails the answer's schema — either way they would never sync again.
 *
 * Adding to a synced table: bump SYNC_SCHEMA_VERSION and list the addition here. A field added
 * after the first release must be optional in a new row (absent means its column's default), so
 * older devices keep creating rows. sync.evolution.test.ts checks this list against the previous
 * release's own schema.
 */

/** The schema of the first release; a device that sends no `schema` speaks it. */
export const FIRST_SCHEMA_VERSION = 1;
/** The schema this code speaks (sent as `schema` in every sync request). */
export const SYNC_SCHEMA_VERSION = 5;

export interface SchemaAddition {
  version: number;
  table: string;
  /** Fields added to a table that existed before; absent: the whole table is new in `version`. */
  fields?: readonly string[];
}

export const SCHEMA_ADDITIONS: readonly SchemaAddition[] = [
  // The client does not want messages (issue 9).
  { version: 2, table: 'clients', fields: ['messagesOptOut'] },
  // Messages to clients (issue 9): the messages and their templates, the tracking link, the SMS settings.
  { version: 3, table: 'messages' },
  { version: 3, table: 'message_templates' },
  { version: 3, table: 'orders', fields: ['trackingToken'] },
  { version: 3, table: 'workshop', fields: ['smsGsm7', 'balanceReminderDays'] },
  // Subscriptions (issue 10): the workshop's subscription, written by the hub only.
  { version: 4, table: 'subscription' },
  // The directory (issue 11): the public profile and the portfolio.
  { version: 5, table: 'directory_profile' },
  { version: 5, table: 'portfolio_items' },
];

/** What a device of some schema version does not know: tables, and fields of known tables. */
export interface UnknownToDevice {
  tables: ReadonlySet<string>;
  fields: ReadonlyMap<string, ReadonlySet<string>>;
}

const NOTHING_UNKNOWN: UnknownToDevice = { tables: new Set(), fields: new Map() };
const byVersion = new Map<number, UnknownToDevice>();

/** The schema version a request speaks: absent (the first release) is version 1. */
export function deviceSchemaVersion(sent: number | undefined): number {
  return sent ?? FIRST_SCHEMA_VERSION;
}

/** What was added after `version`: what a device of that version must not be sent. */
export function unknownTo(version: number): UnknownToDevice {
  if (version >= SYNC_SCHEMA_VERSION) return NOTHING_UNKNOWN;
  let unknown = byVersion.get(version);
  if (!unknown) {
    const tables = new Set<string>();
    const fields = new Map<string, Set<string>>();
    for (const addition of SCHEMA_ADDITIONS) {
      if (addition.version <= version) continue;
      if (!addition.fields) tables.add(addition.table);
      else for (const field of addition.fields) fields.set(addition.table, (fields.get(addition.table) ?? new Set()).add(field));
    }
    unknown = { tables, fields };
    byVersion.set(version, unknown);
  }
  return unknown;
}

/** The tables a device upgraded from `from` to `to` must pull again (sorted, each once). */
export function tablesToRefetch(from: number, to: number = SYNC_SCHEMA_VERSION): string[] {
  const tables = new Set(SCHEMA_ADDITIONS.filter((a) => a.version > from && a.version <= to).map((a) => a.table));
  return [...tables].sort();
}
