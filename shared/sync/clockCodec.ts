/**
 * Compact storage of a row's per-field clocks. Most fields of a row share the clock of the write
 * that created it, so the row stores that clock once under "*" and only the fields that differ:
 * `{"*":"2026-…-a1b2","status":"2026-…-c3d4"}` instead of twenty full clocks. Semantics are
 * unchanged: every field of a row always has a clock (rows are created whole) — except the fields
 * added after the first release (`own`: sync/schemaEvolution.ts), which a row may lack: they are
 * always stored under their own name and never take the "*" clock, so a row without one has no
 * clock for it (a row of an older version, or a new row that left it out).
 */
export type FieldClocks = Record<string, string>;

const DEFAULT = '*';

const NONE: ReadonlySet<string> = new Set();

export function decodeClocks(stored: string | null | undefined, fields: Iterable<string>, own: ReadonlySet<string> = NONE): FieldClocks {
  const raw = stored ? (JSON.parse(stored) as FieldClocks) : {};
  const fallback = raw[DEFAULT];
  const clocks: FieldClocks = {};
  for (const field of fields) {
    const clock = raw[field] ?? (own.has(field) ? undefined : fallback);
    if (clock !== undefined) clocks[field] = clock;
  }
  return clocks;
}

export function encodeClocks(clocks: FieldClocks, own: ReadonlySet<string> = NONE): string {
  const counts = new Map<string, number>();
  for (const [field, clock] of Object.entries(clocks)) if (!own.has(field)) counts.set(clock, (counts.get(clock) ?? 0) + 1);
  let common: string | undefined;
  let best = 1;
  for (const [clock, n] of counts) {
    if (n > best) {
      best = n;
      common = clock;
    }
  }
  const compact: FieldClocks = common ? { [DEFAULT]: common } : {};
  for (const [field, clock] of Object.entries(clocks)) if (clock !== common || own.has(field)) compact[field] = clock;
  return JSON.stringify(compact);
}
