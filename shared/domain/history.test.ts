import { describe, expect, it } from 'vitest';
import { closedAtFor, HISTORY_ON_DEMAND_AFTER_DAYS, historyCutoff, isHistoryOnDemand } from './history.js';
import { ORDER_STATUSES } from './orderStatus.js';

const now = new Date('2026-11-25T09:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

describe('closing an order and its history on demand', () => {
  it('closes an order when it is delivered or cancelled, and only then', () => {
    const closed = ORDER_STATUSES.filter((s) => closedAtFor(s, now) !== null);
    expect(closed).toEqual(['delivered', 'cancelled']);
    expect(closedAtFor('delivered', now)).toBe('2026-11-25T09:00:00.000Z');
  });

  it('leaves out the history of orders closed or deleted more than 30 days ago', () => {
    expect(HISTORY_ON_DEMAND_AFTER_DAYS).toBe(30);
    expect(historyCutoff(now)).toBe('2026-10-26T09:00:00.000Z');
    const order = (status: 'delivered' | 'cancelled' | 'ready', closedAt: string | null, deletedAt: string | null = null) => ({ status, closedAt, deletedAt });
    expect(isHistoryOnDemand(order('delivered', daysAgo(31)), now)).toBe(true);
    expect(isHistoryOnDemand(order('cancelled', daysAgo(31)), now)).toBe(true);
    expect(isHistoryOnDemand(order('delivered', daysAgo(29)), now)).toBe(false);
    expect(isHistoryOnDemand(order('ready', null), now)).toBe(false);
    expect(isHistoryOnDemand(order('ready', null, daysAgo(40)), now)).toBe(true);
    expect(isHistoryOnDemand(order('ready', null, daysAgo(2)), now)).toBe(false);
  });
});
