import { describe, it, expect } from 'vitest';
import type { WorkCalendar } from './calendar.js';
import {
  describePromisedDate,
  suggestPromisedDate,
  type PromisedDateInput,
} from './promisedDate.js';

const MON_SAT: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6], closingDays: ['2026-12-25', '2027-01-01'] };
const MON_FRI: WorkCalendar = { workingDays: [1, 2, 3, 4, 5], closingDays: ['2026-12-25', '2027-01-01'] };

// 2026-11-27 is a Friday.
const base: PromisedDateInput = {
  today: '2026-11-27',
  durationDays: 7,
  urgency: 'normal',
  calendar: MON_SAT,
  activeOrders: 3,
  capacity: 10,
};

describe('suggestPromisedDate — duration and calendar', () => {
  it('normal urgency, no overload, Mon–Sat workshop across a weekend', () => {
    const s = suggestPromisedDate(base);
    // Sat 28, Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Sat 5
    expect(s.date).toBe('2026-12-05');
    expect(s.baseDays).toBe(7);
    expect(s.delayDays).toBe(0);
    expect(s.workingDays).toBe(7);
    expect(s.overloaded).toBe(false);
    expect(s.reasons).toEqual([{ code: 'duration', days: 7 }]);
  });
  it('Mon–Fri workshop', () => {
    // Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Mon 7, Tue 8
    expect(suggestPromisedDate({ ...base, calendar: MON_FRI }).date).toBe('2026-12-08');
  });
  it('zero duration gives the first working day on or after today', () => {
    expect(suggestPromisedDate({ ...base, durationDays: 0 }).date).toBe('2026-11-27');
    expect(suggestPromisedDate({ ...base, durationDays: 0, today: '2026-11-29' }).date).toBe('2026-11-30');
  });
  it('crosses the year end, skipping 25 Dec and 1 Jan', () => {
    // from Wed 2026-12-23: Thu 24, (Fri 25 closed), Sat 26, Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 closed), Sat 2
    const s = suggestPromisedDate({ ...base, today: '2026-12-23' });
    expect(s.date).toBe('2027-01-02');
    expect(s.reasons).toContainEqual({ code: 'closed_days_skipped', count: 2 });
  });
  it('does not count a closing day that falls on a weekly rest day', () => {
    const cal: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6], closingDays: ['2026-11-29'] }; // a Sunday
    const s = suggestPromisedDate({ ...base, calendar: cal });
    expect(s.date).toBe('2026-12-05');
    expect(s.reasons.some((r) => r.code === 'closed_days_skipped')).toBe(false);
  });
});

describe('suggestPromisedDate — urgency', () => {
  const baseDays = (durationDays: number, urgency: PromisedDateInput['urgency']): number =>
    suggestPromisedDate({ ...base, durationDays, urgency }).baseDays;

  it('rounds up after the factor', () => {
    expect(baseDays(7, 'high')).toBe(5);
    expect(baseDays(7, 'urgent')).toBe(4);
    expect(baseDays(10, 'high')).toBe(7); // not 8 despite 10 * 0.7 = 7.000000000000001
    expect(baseDays(10, 'urgent')).toBe(5);
    expect(baseDays(3, 'high')).toBe(3);
    expect(baseDays(20, 'high')).toBe(14);
  });
  it('keeps at least one day', () => {
    expect(baseDays(1, 'urgent')).toBe(1);
    expect(baseDays(1, 'high')).toBe(1);
    expect(baseDays(0, 'urgent')).toBe(0);
  });
  it('records the urgency reason and moves the date', () => {
    const s = suggestPromisedDate({ ...base, urgency: 'high' });
    expect(s.date).toBe('2026-12-03'); // 5 working days after Fri 27 Nov
    expect(s.reasons).toContainEqual({ code: 'urgency', urgency: 'high', factor: 0.7, days: 5 });
    expect(suggestPromisedDate({ ...base, urgency: 'urgent' }).date).toBe('2026-12-02');
  });
});

describe('suggestPromisedDate — overload', () => {
  it('no delay below capacity', () => {
    const s = suggestPromisedDate({ ...base, activeOrders: 8 });
    expect(s.overloaded).toBe(false);
    expect(s.delayDays).toBe(0);
  });
  it('no delay when the new order exactly fills the capacity', () => {
    const s = suggestPromisedDate({ ...base, activeOrders: 9 });
    expect(s.overloaded).toBe(false);
    expect(s.date).toBe('2026-12-05');
  });
  it('delays when active orders equal the capacity', () => {
    // new order is the 11th for 10: overflow 1 → ceil(1/10 × 7) = 1
    const s = suggestPromisedDate({ ...base, activeOrders: 10 });
    expect(s.overloaded).toBe(true);
    expect(s.delayDays).toBe(1);
    expect(s.workingDays).toBe(8);
    expect(s.date).toBe('2026-12-07');
    expect(s.reasons).toContainEqual({ code: 'overload', activeOrders: 10, capacity: 10, extraDays: 1 });
  });
  it('delays proportionally above capacity', () => {
    // overflow 6 → ceil(6/10 × 7) = ceil(4.2) = 5 → 12 working days
    const s = suggestPromisedDate({ ...base, activeOrders: 15 });
    expect(s.delayDays).toBe(5);
    expect(s.workingDays).toBe(12);
    expect(s.date).toBe('2026-12-11');
    expect(s.reasons).toContainEqual({ code: 'overload', activeOrders: 15, capacity: 10, extraDays: 5 });
  });
  it('applies overload on top of urgency', () => {
    // high: 5 days; overflow 6 → ceil(6/10 × 5) = 3 → 8 working days
    const s = suggestPromisedDate({ ...base, urgency: 'high', activeOrders: 15 });
    expect(s.baseDays).toBe(5);
    expect(s.delayDays).toBe(3);
    expect(s.date).toBe('2026-12-07');
  });
  it('handles a one-person workshop', () => {
    // capacity 1, 2 active → overflow 2 → 2 × 7 = 14 extra days
    const s = suggestPromisedDate({ ...base, activeOrders: 2, capacity: 1 });
    expect(s.delayDays).toBe(14);
  });
});

describe('suggestPromisedDate — validation', () => {
  it('throws French errors on bad input', () => {
    expect(() => suggestPromisedDate({ ...base, durationDays: -1 })).toThrow(/durée/);
    expect(() => suggestPromisedDate({ ...base, durationDays: 2.5 })).toThrow(/durée/);
    expect(() => suggestPromisedDate({ ...base, capacity: 0 })).toThrow(/capacité/);
    expect(() => suggestPromisedDate({ ...base, activeOrders: -1 })).toThrow(/commandes en cours/);
    expect(() => suggestPromisedDate({ ...base, today: '2026-02-30' })).toThrow(/Date du jour invalide/);
  });
  it('throws when the calendar has no working day', () => {
    const none: WorkCalendar = { workingDays: [], closingDays: [] };
    expect(() => suggestPromisedDate({ ...base, calendar: none })).toThrow(/aucun jour ouvré/);
  });
});

describe('describePromisedDate', () => {
  it('explains the overload in French', () => {
    const text = describePromisedDate(suggestPromisedDate({ ...base, urgency: 'high', activeOrders: 15 }));
    expect(text).toContain('7 jours ouvrés');
    expect(text).toContain('×0,7');
    expect(text).toContain('surchargé');
    expect(text).toContain('15 commandes en cours pour une capacité de 10');
    expect(text).toContain('+3 jours ouvrés');
    expect(text).toContain('lundi 7 décembre 2026');
  });
  it('stays short without overload and mentions closing days', () => {
    const text = describePromisedDate(suggestPromisedDate({ ...base, today: '2026-12-23' }));
    expect(text).not.toContain('surchargé');
    expect(text).toContain("2 jours de fermeture de l'atelier ont été sautés");
    expect(text).toContain('samedi 2 janvier 2027');
  });
  it('writes "1er" for the first of the month', () => {
    const text = describePromisedDate(suggestPromisedDate({ ...base, durationDays: 3 }));
    // Sat 28, Mon 30, Tue 1
    expect(text).toContain('mardi 1er décembre 2026');
    expect(text).toContain('(3 jours ouvrés)');
  });
  it('can speak English', () => {
    const text = describePromisedDate(suggestPromisedDate({ ...base, activeOrders: 15 }), 'en');
    expect(text).toContain('overloaded');
    expect(text).toContain('Friday, December 11, 2026');
  });
});
