/**
 * Compact storage of a row's per-field clocks. Most fields of a row share the clock of the write
 * that created it, so the row stores that clock once under "*" and only the fields that differ:
 * `{"*":"2026-…-a1b2","status":"2026-…-c3d4"}` instead of twenty full clocks. Semantics are
 * unchanged: every field of a row always has a clock (rows are created whole).
 */
export type FieldClocks = Record<string, string>;

const DEFAULT = '*';

export function decodeClocks(stored: string | null | undefined, fields: Iterable<string>): FieldClocks {
  const raw = stored ? (JSON.parse(stored) as FieldClocks) : {};
  const fallback = raw[DEFAULT];
  const clocks: FieldClocks = {};
  for (const field of fields) {
    const clock = raw[field] ?? fallback;
    if (clock !== undefined) clocks[field] = clock;
  }
  return clocks;
}

export function encodeClocks(clocks: FieldClocks): string {
  const counts = new Map<string, number>();
  for (const clock of Object.values(clocks)) counts.set(clock, (counts.get(clock) ?? 0) + 1);
  let common: string | undefined;
  let best = 1;
  for (const [clock, n] of counts) {
    if (n > best) {
      best = n;
      common = clock;
    }
  }
  const compact: FieldClocks = common ? { [DEFAULT]: common } : {};
  for (const [field, clock] of Object.entries(clocks)) if (clock !== common) compact[field] = clock;
  return JSON.stringify(compact);
}
