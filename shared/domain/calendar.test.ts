import { describe, it, expect } from 'vitest';
import {
  addDays,
  addWorkingDays,
  diffDays,
  isIsoDate,
  isoWeekday,
  isWorkingDay,
  monthRange,
  startOfWeek,
  todayIn,
  type WorkCalendar,
} from './calendar.js';

const MON_SAT: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6], closingDays: [] };
const MON_FRI: WorkCalendar = { workingDays: [1, 2, 3, 4, 5], closingDays: [] };
const HOLIDAYS = ['2026-12-25', '2027-01-01'];

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    expect(isIsoDate('2026-11-27')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
  it('rejects impossible dates and bad formats', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
    expect(isIsoDate('2026-01-05T00:00')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('addDays / diffDays / isoWeekday', () => {
  it('crosses month, year and leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
  it('counts days between dates', () => {
    expect(diffDays('2028-02-01', '2028-03-01')).toBe(29);
    expect(diffDays('2027-02-01', '2027-03-01')).toBe(28);
    expect(diffDays('2027-01-01', '2026-12-25')).toBe(-7);
    expect(diffDays('2026-11-27', '2026-11-27')).toBe(0);
  });
  it('gives ISO weekdays', () => {
    expect(isoWeekday('2026-11-27')).toBe(5); // Friday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
    expect(isoWeekday('2026-11-30')).toBe(1); // Monday
    expect(isoWeekday('2027-01-01')).toBe(5); // Friday
    expect(isoWeekday('2028-02-29')).toBe(2); // Tuesday
  });
  it('rejects invalid dates with a French message', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/Date invalide/);
  });
});

describe('todayIn', () => {
  const TZ = 'Africa/Porto-Novo';
  it('switches date at local midnight (UTC+1)', () => {
    expect(todayIn(TZ, new Date('2026-06-10T22:59:59Z'))).toBe('2026-06-10');
    expect(todayIn(TZ, new Date('2026-06-10T23:00:00Z'))).toBe('2026-06-11');
  });
  it('crosses the new year', () => {
    expect(todayIn(TZ, new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayIn('UTC', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
  it('reaches the leap day', () => {
    expect(todayIn(TZ, new Date('2028-02-28T23:15:00Z'))).toBe('2028-02-29');
  });
  it('rejects an unknown timezone', () => {
    expect(() => todayIn('Mars/Olympus', new Date())).toThrow(/Fuseau horaire inconnu/);
  });
});

describe('startOfWeek / monthRange', () => {
  it('returns the Monday of the week', () => {
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-30')).toBe('2026-11-30');
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28');
  });
  it('returns first day of month and of next month', () => {
    expect(monthRange('2026-12-15')).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(monthRange('2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-03-01' });
  });
});

describe('isWorkingDay', () => {
  const cal: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6], closingDays: HOLIDAYS };
  it('respects weekly rest and closing days', () => {
    expect(isWorkingDay('2026-11-28', cal)).toBe(true); // Saturday
    expect(isWorkingDay('2026-11-29', cal)).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-25', cal)).toBe(false); // Christmas, a Friday
    expect(isWorkingDay('2026-12-24', cal)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips Sunday in a Mon–Sat workshop (Friday start)', () => {
    expect(addWorkingDays('2026-11-27', 1, MON_SAT)).toBe('2026-11-28');
    expect(addWorkingDays('2026-11-27', 2, MON_SAT)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 3, MON_SAT)).toBe('2026-12-01');
  });
  it('skips the weekend in a Mon–Fri workshop', () => {
    expect(addWorkingDays('2026-11-27', 1, MON_FRI)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 3, MON_FRI)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-27', 5, MON_FRI)).toBe('2026-12-04');
  });
  it('n = 0 gives the first working day on or after start', () => {
    expect(addWorkingDays('2026-11-27', 0, MON_SAT)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-29', 0, MON_SAT)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-28', 0, MON_FRI)).toBe('2026-11-30');
    expect(addWorkingDays('2026-12-25', 0, { ...MON_SAT, closingDays: HOLIDAYS })).toBe('2026-12-26');
  });
  it('skips closing days and crosses the year end', () => {
    const cal: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6], closingDays: HOLIDAYS };
    expect(addWorkingDays('2026-12-23', 2, cal)).toBe('2026-12-26');
    expect(addWorkingDays('2026-12-23', 5, cal)).toBe('2026-12-30');
    expect(addWorkingDays('2026-12-23', 7, cal)).toBe('2027-01-02');
    expect(addWorkingDays('2026-12-23', 8, cal)).toBe('2027-01-04');
  });
  it('crosses the year end in a Mon–Fri workshop with closing days', () => {
    const cal: WorkCalendar = { workingDays: [1, 2, 3, 4, 5], closingDays: HOLIDAYS };
    expect(addWorkingDays('2026-12-23', 7, cal)).toBe('2027-01-05');
  });
  it('crosses the leap day', () => {
    // 2028-02-26 is a Saturday; Mon–Fri: Mon 28, Tue 29, Wed 1 March
    expect(addWorkingDays('2028-02-26', 2, MON_FRI)).toBe('2028-02-29');
    expect(addWorkingDays('2028-02-26', 3, MON_FRI)).toBe('2028-03-01');
  });
  it('throws a French error when the calendar has no working day', () => {
    const none: WorkCalendar = { workingDays: [], closingDays: [] };
    expect(() => addWorkingDays('2026-11-27', 3, none)).toThrow(/aucun jour ouvré/);
    expect(() => addWorkingDays('2026-11-27', 0, none)).toThrow(/aucun jour ouvré/);
    expect(() => addWorkingDays('2026-11-27', 1, { workingDays: [0, 8], closingDays: [] })).toThrow(/aucun jour ouvré/);
  });
  it('gives up after too many consecutive closed days', () => {
    const closingDays = Array.from({ length: 4000 }, (_, i) => addDays('2026-11-28', i));
    const cal: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6, 7], closingDays };
    expect(() => addWorkingDays('2026-11-27', 1, cal)).toThrow(/jours consécutifs/);
    expect(() => addWorkingDays('2026-11-28', 0, cal)).toThrow(/jours consécutifs/);
  });
  it('rejects negative or fractional counts', () => {
    expect(() => addWorkingDays('2026-11-27', -1, MON_SAT)).toThrow(/négatif/);
    expect(() => addWorkingDays('2026-11-27', 1.5, MON_SAT)).toThrow(/entier/);
  });
});
