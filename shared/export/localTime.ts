/**
 * Instants (stored as UTC ISO text) shown in the workshop's time zone, for the export: the JSON
 * keeps the offset (`2026-11-25T10:00:00+01:00`, ISO 8601, nothing lost), the CSV the local wall
 * time that French Excel reads as a date (`2026-11-25 10:00:00`).
 */
import { isKnownTimeZone, zoneOffsetMs } from '../domain/zoneOffset.js';

export interface LocalInstant {
  /** ISO 8601 with the zone's offset at that instant. */
  iso: string;
  /** `YYYY-MM-DD HH:mm:ss`, the wall time in the zone. */
  wall: string;
}

export { isKnownTimeZone };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The zone's offset at `ms`, in minutes (zoneOffset.ts: from Intl once per quarter of an hour). */
function offsetAt(ms: number, timeZone: string): number {
  return Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
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
