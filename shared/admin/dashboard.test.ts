import { describe, expect, it } from 'vitest';
import { dashboardPeriods, fillSeries, monthlyRecurringRevenue } from './dashboard.js';

describe('dashboard periods in Porto-Novo (UTC+1)', () => {
  it('a Wednesday morning: today, this week from Monday, this month from the 1st, at local midnight', () => {
    const p = dashboardPeriods(new Date('2036-03-05T09:00:00Z'));
    expect(p.days).toHaveLength(30);
    expect(p.days.at(-1)).toEqual({ label: '2036-03-05', start: '2036-03-04T23:00:00.000Z', end: '2036-03-05T23:00:00.000Z' });
    expect(p.days[0]).toEqual({ label: '2036-02-05', start: '2036-02-04T23:00:00.000Z', end: '2036-02-05T23:00:00.000Z' });
    expect(p.weeks).toHaveLength(12);
    expect(p.weeks.at(-1)).toEqual({ label: '2036-03-03', start: '2036-03-02T23:00:00.000Z', end: '2036-03-09T23:00:00.000Z' });
    expect(p.weeks[0]!.label).toBe('2035-12-17');
    expect(p.months.map((m) => m.label)).toEqual(['2035-10', '2035-11', '2035-12', '2036-01', '2036-02', '2036-03']);
    expect(p.months.at(-1)).toEqual({ label: '2036-03', start: '2036-02-29T23:00:00.000Z', end: '2036-03-31T23:00:00.000Z' });
    expect(p.months[0]!.start).toBe('2035-09-30T23:00:00.000Z');
  });

  it('23:30 UTC is already the next day (and month) in Porto-Novo', () => {
    const p = dashboardPeriods(new Date('2036-03-31T23:30:00Z'));
    expect(p.days.at(-1)!.label).toBe('2036-04-01');
    expect(p.months.at(-1)!.label).toBe('2036-04');
    expect(p.months.at(-1)!.start).toBe('2036-03-31T23:00:00.000Z');
    // 2036-04-01 is a Tuesday: the week began on Monday 31 March, local.
    expect(p.weeks.at(-1)!.label).toBe('2036-03-31');
  });

  it('a Sunday belongs to the week that began six days before; a Monday starts its own', () => {
    expect(dashboardPeriods(new Date('2036-03-09T12:00:00Z')).weeks.at(-1)!.label).toBe('2036-03-03');
    expect(dashboardPeriods(new Date('2036-03-09T23:00:00Z')).weeks.at(-1)!.label).toBe('2036-03-10');
  });

  it('buckets are contiguous, each ending where the next begins', () => {
    const p = dashboardPeriods(new Date('2036-01-15T10:00:00Z'));
    for (const series of [p.days, p.weeks, p.months]) {
      for (let i = 1; i < series.length; i += 1) expect(series[i]!.start).toBe(series[i - 1]!.end);
    }
    expect(p.months.map((m) => m.label)).toEqual(['2035-08', '2035-09', '2035-10', '2035-11', '2035-12', '2036-01']);
  });
});

describe('fillSeries', () => {
  it('gives every bucket its value or zero, bucket numbers starting at 1', () => {
    const p = dashboardPeriods(new Date('2036-03-05T09:00:00Z'));
    const filled = fillSeries(p.months, new Map([[1, 5], [6, 7]]), 0);
    expect(filled.map((f) => f.value)).toEqual([5, 0, 0, 0, 0, 7]);
    expect(filled[5]!.label).toBe('2036-03');
  });
});

describe('monthlyRecurringRevenue', () => {
  const plans = [
    { id: 'gratuit', monthlyPrice: 0, yearlyPrice: 0 },
    { id: 'solo', monthlyPrice: 2_500, yearlyPrice: 25_000 },
    { id: 'atelier', monthlyPrice: 6_000, yearlyPrice: 60_000 },
  ];
  it('monthly prices, yearly ones over 12, only active subscriptions, rounded once', () => {
    expect(
      monthlyRecurringRevenue(
        [
          { status: 'active', planId: 'solo', cycle: 'monthly', count: 3 },
          { status: 'active', planId: 'solo', cycle: 'yearly', count: 1 },
          { status: 'active', planId: 'atelier', cycle: 'yearly', count: 2 },
          { status: 'active', planId: 'gratuit', cycle: null, count: 9 },
          { status: 'past_due', planId: 'atelier', cycle: 'monthly', count: 4 },
          { status: 'trial', planId: 'atelier', cycle: null, count: 4 },
          { status: 'active', planId: 'inconnu', cycle: 'monthly', count: 4 },
        ],
        plans,
      ),
    ).toBe(Math.round(3 * 2_500 + 25_000 / 12 + (2 * 60_000) / 12));
    expect(monthlyRecurringRevenue([{ status: 'active', planId: 'solo', cycle: 'yearly', count: 1 }], plans)).toBe(2_083);
    expect(monthlyRecurringRevenue([], plans)).toBe(0);
  });
});
