/**
 * The order pipeline: devis → confirmée → en cours → essayage → prête → livrée, and annulée.
 * ONE table of allowed transitions; everything else is refused with a reason.
 */
import { defineTexts, text, type Locale } from '../i18n/texts.js';

export const ORDER_STATUSES = ['quote', 'confirmed', 'in_progress', 'fitting', 'ready', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A status's name, as the app and the receipts show it. */
export const ORDER_STATUS_LABELS = defineTexts<OrderStatus>({
  fr: { quote: 'Devis', confirmed: 'Confirmée', in_progress: 'En cours', fitting: 'Essayage', ready: 'Prête', delivered: 'Livrée', cancelled: 'Annulée' },
  en: { quote: 'Quote', confirmed: 'Confirmed', in_progress: 'In progress', fitting: 'Fitting', ready: 'Ready', delivered: 'Delivered', cancelled: 'Cancelled' },
});

/** Why a move is refused (the engine's answer to changeOrderStatus). */
const REFUSALS = defineTexts({
  fr: {
    already: 'La commande est déjà « {status} ».',
    refused: 'Une commande « {from} » ne peut pas passer à « {to} » (possible : {allowed}).',
  },
  en: {
    already: 'The order is already "{status}".',
    refused: 'An order "{from}" cannot move to "{to}" (allowed: {allowed}).',
  },
});

/**
 * Allowed moves. Going back is allowed where the workshop really goes back: a fitting that needs
 * alterations returns to "en cours", a ready garment can need another fitting, a delivery
 * recorded by mistake can be undone (back to "prête"), a cancelled order can be reopened as a quote.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  quote: ['confirmed', 'cancelled'],
  confirmed: ['quote', 'in_progress', 'cancelled'],
  in_progress: ['fitting', 'ready', 'cancelled'],
  fitting: ['in_progress', 'ready', 'cancelled'],
  ready: ['fitting', 'in_progress', 'delivered', 'cancelled'],
  delivered: ['ready'],
  cancelled: ['quote'],
};

/** Orders that take the workshop's capacity (used for the promised-date load). */
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['confirmed', 'in_progress', 'fitting'];
/** Orders still to hand over to the client (shown on due and late lists). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['quote', 'confirmed', 'in_progress', 'fitting', 'ready'];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Null when allowed, else a sentence saying why not (French by default). */
export function transitionRefusal(from: OrderStatus, to: OrderStatus, locale: Locale = 'fr'): string | null {
  if (canTransition(from, to)) return null;
  const label = (s: OrderStatus) => ORDER_STATUS_LABELS[locale][s];
  if (from === to) return text(REFUSALS, locale, 'already', { status: label(to) });
  return text(REFUSALS, locale, 'refused', { from: label(from), to: label(to), allowed: ORDER_TRANSITIONS[from].map(label).join(', ') });
}
