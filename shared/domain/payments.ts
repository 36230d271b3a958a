/**
 * Payments are insert-only: a deposit, instalments, and reversing entries that correct a mistake.
 * The balance is always computed from them, never stored.
 */
import type { OrderStatus } from './orderStatus.js';
import { defineTexts, text, type Locale } from '../i18n/texts.js';

export const PAYMENT_METHODS = ['cash', 'mobile_money', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_KINDS = ['deposit', 'instalment', 'reversal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** A payment method's name, as the app and the receipts show it. */
export const PAYMENT_METHOD_LABELS = defineTexts<PaymentMethod>({
  fr: { cash: 'Espèces', mobile_money: 'Mobile money', card: 'Carte', transfer: 'Virement' },
  en: { cash: 'Cash', mobile_money: 'Mobile money', card: 'Card', transfer: 'Transfer' },
});

/** Why a payment or a reversal is refused (the engine's answers). */
const REFUSALS = defineTexts({
  fr: {
    notFound: 'Paiement introuvable.',
    reverseReversal: 'Une annulation ne peut pas être annulée : enregistrez un nouveau paiement.',
    alreadyReversed: 'Ce paiement a déjà été annulé.',
    orderCancelled: 'Cette commande est annulée : aucun paiement ne peut être enregistré.',
    orderPaid: 'Cette commande est déjà entièrement payée.',
    overDue: 'Le montant dépasse le reste à payer ({due} FCFA).',
  },
  en: {
    notFound: 'Payment not found.',
    reverseReversal: 'A reversal cannot be reversed: record a new payment.',
    alreadyReversed: 'This payment was already reversed.',
    orderCancelled: 'This order is cancelled: no payment can be recorded.',
    orderPaid: 'This order is already fully paid.',
    overDue: 'The amount is more than what is left to pay ({due} FCFA).',
  },
});

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

/** Null if `target` may be reversed now, else the reason (French by default). */
export function reversalRefusal(target: PaymentLike | undefined, all: readonly PaymentLike[], locale: Locale = 'fr'): string | null {
  if (!target) return text(REFUSALS, locale, 'notFound');
  if (target.kind === 'reversal') return text(REFUSALS, locale, 'reverseReversal');
  if (all.some((p) => p.reverses === target.id)) return text(REFUSALS, locale, 'alreadyReversed');
  return null;
}

/** Null if `amount` may be received on an order that still owes `due`, else the reason (French by default). */
export function paymentRefusal(amount: number, due: number, status: OrderStatus, locale: Locale = 'fr'): string | null {
  if (status === 'cancelled') return text(REFUSALS, locale, 'orderCancelled');
  if (amount > due) return due <= 0 ? text(REFUSALS, locale, 'orderPaid') : text(REFUSALS, locale, 'overDue', { due });
  return null;
}
