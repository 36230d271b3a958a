/**
 * Instants (stored as UTC ISO text) shown in the workshop's time zone, for the export: the JSON
 * keeps the offset (`2026-11-25T10:00:00+01:00`, ISO 8601, nothing lost), the CSV the local wall
 * time that French Excel reads as a date (`2026-11-25 10:00:00`).
 */

export interface LocalInstant {
  /** ISO 8601 with the zone's offset at that instant. */
  iso: string;
  /** `YYYY-MM-DD HH:mm:ss`, the wall time in the zone. */
  wall: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The zone's offset from UTC at `ms` (whole seconds), in minutes, asked of Intl. */
function exactOffset(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallMs = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wallMs - ms) / 60_000);
}

const BUCKET_MS = 15 * 60_000;
/** Offsets per zone and quarter of an hour (null: the offset changes inside it, asked per instant). */
const offsets = new Map<string, Map<number, number | null>>();

/**
 * The offset at `ms`, from Intl once per quarter of an hour: a quarter whose two ends have the same
 * offset has it throughout (zones change offset at most twice a year), so 100,000 instants cost a
 * few thousand Intl calls, not 100,000.
 */
function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let known = zone.get(bucket);
  if (known === undefined) {
    const start = exactOffset(bucket * BUCKET_MS, timeZone);
    known = start === exactOffset((bucket + 1) * BUCKET_MS - 1000, timeZone) ? start : null;
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, known);
  }
  return known ?? exactOffset(ms, timeZone);
}

/** The instant in `timeZone`, or null when `value` is not an instant (left as it is by the caller). */
export function localInstant(value: string, timeZone: string): LocalInstant | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return null;
  const ms = Math.floor(parsed / 1000) * 1000;
  const offsetMin = offsetAt(ms, timeZone);
  const wall = new Date(ms + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return { iso: `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, wall: `${date} ${time}` };
}

/** The zone's offset now, as `UTC+01:00`, for the README. */
export function offsetLabel(timeZone: string, at: Date): string {
  const local = localInstant(at.toISOString(), timeZone);
  return local ? `UTC${local.iso.slice(19)}` : 'UTC';
}
