import { describe, it, expect } from 'vitest';
import { ORDER_STATUSES, canTransition, transitionRefusal, type OrderStatus } from './orderStatus.js';

/**
 * The expected pipeline, typed by hand (NOT read from ORDER_TRANSITIONS):
 * devis → confirmée → en cours → essayage → prête → livrée, annulée from any open status, and the
 * documented ways back: essayage → en cours (alterations), prête → essayage (another fitting),
 * livrée → prête (delivery recorded by mistake), annulée → devis (reopened). Also expected:
 * confirmée → devis (un-confirm), en cours → prête (no fitting needed), prête → en cours
 * (alterations without a new fitting).
 */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  quote: ['confirmed', 'cancelled'],
  confirmed: ['quote', 'in_progress', 'cancelled'],
  in_progress: ['fitting', 'ready', 'cancelled'],
  fitting: ['in_progress', 'ready', 'cancelled'],
  ready: ['fitting', 'in_progress', 'delivered', 'cancelled'],
  delivered: ['ready'],
  cancelled: ['quote'],
};

const FR: Record<OrderStatus, string> = {
  quote: 'Devis',
  confirmed: 'Confirmée',
  in_progress: 'En cours',
  fitting: 'Essayage',
  ready: 'Prête',
  delivered: 'Livrée',
  cancelled: 'Annulée',
};

const EN: Record<OrderStatus, string> = {
  quote: 'Quote',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  fitting: 'Fitting',
  ready: 'Ready',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

const STATUSES: readonly OrderStatus[] = ['quote', 'confirmed', 'in_progress', 'fitting', 'ready', 'delivered', 'cancelled'];
const PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })));

describe('order statuses', () => {
  it('are exactly the seven of the pipeline, in pipeline order', () => {
    expect([...ORDER_STATUSES]).toEqual(STATUSES);
  });

  it('covers the 49 ordered pairs, 17 of them allowed', () => {
    expect(PAIRS).toHaveLength(49);
    expect(PAIRS.filter((p) => p.allowed)).toHaveLength(17);
  });
});

describe('canTransition', () => {
  it.each(PAIRS)('$from → $to: allowed = $allowed', ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('never allows staying in the same status', () => {
    for (const s of STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('allows cancelling every open order but not a delivered one', () => {
    for (const s of ['quote', 'confirmed', 'in_progress', 'fitting', 'ready'] as const) expect(canTransition(s, 'cancelled')).toBe(true);
    expect(canTransition('delivered', 'cancelled')).toBe(false);
  });

  it('never skips straight to delivered except from ready', () => {
    for (const s of STATUSES) expect(canTransition(s, 'delivered')).toBe(s === 'ready');
  });
});

describe('transitionRefusal', () => {
  it.each(PAIRS.filter((p) => p.allowed))('$from → $to is allowed: null', ({ from, to }) => {
    expect(transitionRefusal(from, to)).toBeNull();
    expect(transitionRefusal(from, to, 'en')).toBeNull();
  });

  it.each(PAIRS.filter((p) => !p.allowed && p.from !== p.to))('$from → $to is refused with a French sentence naming both', ({ from, to }) => {
    const message = transitionRefusal(from, to);
    expect(message).not.toBeNull();
    expect(message).toContain(`« ${FR[from]} »`);
    expect(message).toContain(`« ${FR[to]} »`);
    expect(message).toMatch(/^Une commande « .+ » ne peut pas passer à « .+ » \(possible : .+\)\.$/);
    // It says where the order can go instead, with French labels.
    for (const next of ALLOWED[from]) expect(message).toContain(FR[next]);
  });

  it.each(STATUSES)('%s → itself is refused: "déjà" with its French label', (s) => {
    expect(transitionRefusal(s, s)).toBe(`La commande est déjà « ${FR[s]} ».`);
  });

  it('uses the default French locale', () => {
    expect(transitionRefusal('delivered', 'cancelled')).toBe(transitionRefusal('delivered', 'cancelled', 'fr'));
    expect(transitionRefusal('delivered', 'cancelled')).toBe('Une commande « Livrée » ne peut pas passer à « Annulée » (possible : Prête).');
  });

  it('speaks English when asked, with English labels', () => {
    for (const { from, to } of PAIRS.filter((p) => !p.allowed && p.from !== p.to)) {
      const message = transitionRefusal(from, to, 'en')!;
      expect(message).toContain(`"${EN[from]}"`);
      expect(message).toContain(`"${EN[to]}"`);
      expect(message).not.toContain('«');
    }
    expect(transitionRefusal('ready', 'ready', 'en')).toBe('The order is already "Ready".');
  });
});
