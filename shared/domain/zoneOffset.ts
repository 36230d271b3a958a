/**
 * A time zone's offset from UTC at an instant, asked of Intl once per quarter of an hour and kept:
 * a quarter whose two ends have the same offset has it throughout (zones change offset at most a
 * few times a year, on a quarter hour), so 100,000 instants cost a few thousand Intl calls, not
 * 100,000. Used where many instants are placed in a workshop's zone: the billing sweep's dates
 * (shared/billing/periods.ts) and the export's (shared/export/localTime.ts).
 */

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

/** The offset at `ms` (whole seconds), in milliseconds, asked of Intl (local wall time = UTC + offset). */
function exactOffsetMs(ms: number, timeZone: string): number {
  const at = Math.floor(ms / 1000) * 1000;
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
}

const QUARTER_MS = 15 * 60_000;
/** Offsets per zone and quarter of an hour (null: the offset changes inside it, asked per instant). */
const offsets = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at `ms`, in milliseconds. Throws a RangeError for an unknown zone. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  let known = zone.get(quarter);
  if (known === undefined) {
    const start = exactOffsetMs(quarter * QUARTER_MS, timeZone);
    known = start === exactOffsetMs((quarter + 1) * QUARTER_MS - 1000, timeZone) ? start : null;
    if (zone.size > 50_000) zone.clear();
    zone.set(quarter, known);
  }
  return known ?? exactOffsetMs(ms, timeZone);
}
