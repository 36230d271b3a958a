import { describe, expect, it } from 'vitest';
import { addMonths, cycleDaysEndingAt, graceEnd, localDate, localMidnight, monthStartsBetween, periodEnd, reminderAt, trialEnd } from './periods.js';

const TZ = 'Africa/Porto-Novo'; // UTC+1, no daylight saving

describe('subscription periods in the workshop’s time zone', () => {
  it('local dates and midnights follow the zone, not the server', () => {
    expect(localDate('2026-12-02T23:30:00.000Z', TZ)).toBe('2026-12-03');
    expect(localDate('2026-12-02T22:59:59.000Z', TZ)).toBe('2026-12-02');
    expect(localMidnight('2026-12-03', TZ)).toBe('2026-12-02T23:00:00.000Z');
    expect(localMidnight('2026-12-03', 'Africa/Abidjan')).toBe('2026-12-03T00:00:00.000Z');
    expect(localMidnight('2026-07-01', 'Europe/Paris')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('months clamp to the last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-10', 12)).toBe('2027-05-10');
  });

  it('a trial ends at the local midnight 14 days after the signup day', () => {
    expect(trialEnd(new Date('2026-12-03T15:00:00.000Z'), TZ)).toBe('2026-12-16T23:00:00.000Z');
    // 23:30 UTC on the 2nd is already the 3rd in Porto-Novo.
    expect(trialEnd(new Date('2026-12-02T23:30:00.000Z'), TZ)).toBe('2026-12-16T23:00:00.000Z');
  });

  it('a period paid during a day includes the same date a cycle later; one from a midnight ends at the midnight', () => {
    expect(periodEnd('2027-01-10T14:00:00.000Z', 'monthly', TZ)).toBe(localMidnight('2027-02-11', TZ));
    expect(periodEnd(localMidnight('2027-02-11', TZ), 'monthly', TZ)).toBe(localMidnight('2027-03-11', TZ));
    expect(periodEnd('2027-01-10T14:00:00.000Z', 'yearly', TZ)).toBe(localMidnight('2028-01-11', TZ));
  });

  it('grace, reminders, month starts and cycle days', () => {
    const end = localMidnight('2027-02-11', TZ);
    expect(graceEnd(end, TZ)).toBe(localMidnight('2027-02-18', TZ));
    expect(reminderAt(end, TZ)).toBe(localMidnight('2027-02-08', TZ));
    expect(cycleDaysEndingAt(end, 'monthly', TZ)).toBe(31);
    expect(cycleDaysEndingAt(localMidnight('2027-03-11', TZ), 'monthly', TZ)).toBe(28);
    expect(cycleDaysEndingAt(localMidnight('2028-03-11', TZ), 'yearly', TZ)).toBe(366);
    const start = '2027-01-10T14:00:00.000Z';
    const starts = monthStartsBetween(start, periodEnd(start, 'yearly', TZ), TZ);
    expect(starts).toHaveLength(12);
    expect(starts[0]).toBe(start);
    expect(starts[1]).toBe(localMidnight('2027-02-11', TZ));
    expect(starts[11]).toBe(localMidnight('2027-12-11', TZ));
  });
});
