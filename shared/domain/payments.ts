/**
 * Payments are insert-only: a deposit, instalments, and reversing entries that correct a mistake.
 * The balance is always computed from them, never stored.
 */
import type { OrderStatus } from './orderStatus.js';

export const PAYMENT_METHODS = ['cash', 'mobile_money', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_KINDS = ['deposit', 'instalment', 'reversal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, { fr: string; en: string }> = {
  cash: { fr: 'Espèces', en: 'Cash' },
  mobile_money: { fr: 'Mobile money', en: 'Mobile money' },
  card: { fr: 'Carte', en: 'Card' },
  transfer: { fr: 'Virement', en: 'Transfer' },
};

export interface PaymentLike {
  id: string;
  amount: number;
  kind: PaymentKind;
  reverses: string | null;
}

/** Sum of what was received (reversals are negative amounts). */
export function totalPaid(payments: readonly Pick<PaymentLike, 'amount'>[]): number {
  return payments.reduce((sum, p) => sum + p.amount, 0);
}

/** What the client still owes. A cancelled order owes nothing; a negative result is money to give back. */
export function balanceDue(price: number, status: OrderStatus, payments: readonly Pick<PaymentLike, 'amount'>[]): number {
  if (status === 'cancelled') return 0 - totalPaid(payments);
  return price - totalPaid(payments);
}

/** Null if `target` may be reversed now, else the French reason. */
export function reversalRefusal(target: PaymentLike | undefined, all: readonly PaymentLike[]): string | null {
  if (!target) return 'Paiement introuvable.';
  if (target.kind === 'reversal') return 'Une annulation ne peut pas être annulée : enregistrez un nouveau paiement.';
  if (all.some((p) => p.reverses === target.id)) return 'Ce paiement a déjà été annulé.';
  return null;
}

/** Null if `amount` may be received on an order that still owes `due`, else the French reason. */
export function paymentRefusal(amount: number, due: number, status: OrderStatus): string | null {
  if (status === 'cancelled') return 'Cette commande est annulée : aucun paiement ne peut être enregistré.';
  if (amount > due) {
    return due <= 0
      ? 'Cette commande est déjà entièrement payée.'
      : `Le montant dépasse le reste à payer (${due} FCFA).`;
  }
  return null;
}
