/** The export's local times against Intl itself, every 17 minutes across a year, in zones with DST (one by 30 minutes). */
import { describe, expect, it } from 'vitest';
import { localInstant } from './localTime.js';

const formats = new Map<string, Intl.DateTimeFormat>();
function intlWall(ms: number, timeZone: string): string {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  const parts = formats.get(timeZone)!.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

describe('localInstant', () => {
  it.each(['Africa/Porto-Novo', 'Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kathmandu'])('matches Intl in %s', (zone) => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let ms = start; ms < start + 366 * 86_400_000; ms += 17 * 60_000 + 13_000) {
      const local = localInstant(new Date(ms).toISOString(), zone)!;
      expect(local.wall).toBe(intlWall(ms, zone));
      expect(Date.parse(local.iso)).toBe(Math.floor(ms / 1000) * 1000);
    }
  });

  it('gives Porto-Novo times with +01:00 and leaves what is not an instant', () => {
    expect(localInstant('2026-11-25T09:00:00.000Z', 'Africa/Porto-Novo')).toEqual({ iso: '2026-11-25T10:00:00+01:00', wall: '2026-11-25 10:00:00' });
    expect(localInstant('2026-11-25', 'Africa/Porto-Novo')).toBeNull();
    expect(localInstant('2026-13-45T99:99', 'Africa/Porto-Novo')).toBeNull();
  });
});
