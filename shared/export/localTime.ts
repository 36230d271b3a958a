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

/** The instant in `timeZone`, or null when `value` is not an instant (left as it is by the caller). */
export function localInstant(value: string, timeZone: string): LocalInstant | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const [y, mo, d, h, mi, s] = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  const wallMs = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetMin = Math.round((wallMs - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
  return { iso: `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, wall: `${date} ${time}` };
}

/** The zone's offset now, as `UTC+01:00`, for the README. */
export function offsetLabel(timeZone: string, at: Date): string {
  const local = localInstant(at.toISOString(), timeZone);
  return local ? `UTC${local.iso.slice(19)}` : 'UTC';
}
