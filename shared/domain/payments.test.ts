import { describe, it, expect } from 'vitest';
import { totalPaid, balanceDue, reversalRefusal, paymentRefusal, type PaymentLike } from './payments.js';
import { ORDER_STATUSES } from './orderStatus.js';

const deposit: PaymentLike = { id: 'p1', amount: 10_000, kind: 'deposit', reverses: null };
const instalment: PaymentLike = { id: 'p2', amount: 5_000, kind: 'instalment', reverses: null };
const reversalOfInstalment: PaymentLike = { id: 'p3', amount: -5_000, kind: 'reversal', reverses: 'p2' };
const reversalOfDeposit: PaymentLike = { id: 'r1', amount: -10_000, kind: 'reversal', reverses: 'p1' };

describe('totalPaid', () => {
  it('is 0 with no payment', () => {
    expect(totalPaid([])).toBe(0);
  });

  it('adds the deposit and the instalments', () => {
    expect(totalPaid([deposit])).toBe(10_000);
    expect(totalPaid([deposit, instalment])).toBe(15_000);
  });

  it('deducts reversals (negative amounts)', () => {
    expect(totalPaid([deposit, instalment, reversalOfInstalment])).toBe(10_000);
    expect(totalPaid([deposit, reversalOfDeposit])).toBe(0);
  });

  it('needs only the amounts', () => {
    expect(totalPaid([{ amount: 2_500 }, { amount: 2_500 }, { amount: -1_000 }])).toBe(4_000);
  });
});

describe('balanceDue', () => {
  it('is the whole price with nothing paid', () => {
    expect(balanceDue(25_000, 'confirmed', [])).toBe(25_000);
  });

  it('is the price minus the deposit and instalments', () => {
    expect(balanceDue(25_000, 'in_progress', [deposit])).toBe(15_000);
    expect(balanceDue(25_000, 'ready', [deposit, instalment])).toBe(10_000);
  });

  it('comes back up when a payment is reversed', () => {
    expect(balanceDue(25_000, 'ready', [deposit, instalment, reversalOfInstalment])).toBe(15_000);
  });

  it('is 0 when fully paid, for every status but cancelled', () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== 'cancelled')) {
      expect(balanceDue(15_000, status, [deposit, instalment])).toBe(0);
    }
  });

  it('is negative when more was received than the price (money to give back)', () => {
    expect(balanceDue(12_000, 'delivered', [deposit, instalment])).toBe(-3_000);
  });

  it('on a cancelled order, is minus what was received: the sum to refund', () => {
    expect(balanceDue(25_000, 'cancelled', [deposit])).toBe(-10_000);
    expect(balanceDue(25_000, 'cancelled', [deposit, instalment])).toBe(-15_000);
    expect(balanceDue(25_000, 'cancelled', [deposit, instalment, reversalOfInstalment])).toBe(-10_000);
  });

  it('on a cancelled order with nothing (left) to refund, is exactly 0, not -0 (formatXof(-0) shows "-0 FCFA")', () => {
    expect(balanceDue(25_000, 'cancelled', [])).toBe(0);
    // Once the refund is recorded as reversals, nothing is owed either way.
    expect(balanceDue(25_000, 'cancelled', [deposit, instalment, reversalOfInstalment, reversalOfDeposit])).toBe(0);
  });
});

describe('reversalRefusal', () => {
  const all = [deposit, instalment, reversalOfInstalment];

  it('allows reversing a deposit or an instalment not yet reversed', () => {
    expect(reversalRefusal(deposit, all)).toBeNull();
    expect(reversalRefusal(instalment, [deposit, instalment])).toBeNull();
  });

  it('refuses a missing payment', () => {
    expect(reversalRefusal(undefined, all)).toBe('Paiement introuvable.');
  });

  it('refuses to reverse a reversal', () => {
    expect(reversalRefusal(reversalOfInstalment, all)).toBe('Une annulation ne peut pas être annulée : enregistrez un nouveau paiement.');
  });

  it('refuses to reverse a payment twice', () => {
    expect(reversalRefusal(instalment, all)).toBe('Ce paiement a déjà été annulé.');
  });

  it('looks at the reverses link, not at amounts', () => {
    // A second instalment of the same amount is not "already reversed" by p3.
    const twin: PaymentLike = { id: 'p4', amount: 5_000, kind: 'instalment', reverses: null };
    expect(reversalRefusal(twin, [...all, twin])).toBeNull();
  });
});

describe('paymentRefusal', () => {
  it('accepts up to the balance exactly', () => {
    expect(paymentRefusal(5_000, 15_000, 'confirmed')).toBeNull();
    expect(paymentRefusal(15_000, 15_000, 'ready')).toBeNull();
    expect(paymentRefusal(1, 1, 'delivered')).toBeNull();
  });

  it('accepts a payment on a quote (deposit before confirmation)', () => {
    expect(paymentRefusal(5_000, 20_000, 'quote')).toBeNull();
  });

  it('refuses more than the balance, saying how much is left in FCFA', () => {
    expect(paymentRefusal(15_001, 15_000, 'ready')).toBe('Le montant dépasse le reste à payer (15000 FCFA).');
  });

  it('refuses any payment on a fully paid order', () => {
    expect(paymentRefusal(1, 0, 'delivered')).toBe('Cette commande est déjà entièrement payée.');
    expect(paymentRefusal(500, -3_000, 'ready')).toBe('Cette commande est déjà entièrement payée.');
  });

  it('refuses any payment on a cancelled order, whatever the balance', () => {
    const message = 'Cette commande est annulée : aucun paiement ne peut être enregistré.';
    expect(paymentRefusal(1_000, 25_000, 'cancelled')).toBe(message);
    expect(paymentRefusal(1_000, -10_000, 'cancelled')).toBe(message);
    expect(paymentRefusal(1_000, 0, 'cancelled')).toBe(message);
  });
});
