/**
 * The order pipeline: devis → confirmée → en cours → essayage → prête → livrée, and annulée.
 * ONE table of allowed transitions; everything else is refused with a reason.
 */
export const ORDER_STATUSES = ['quote', 'confirmed', 'in_progress', 'fitting', 'ready', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, { fr: string; en: string }> = {
  quote: { fr: 'Devis', en: 'Quote' },
  confirmed: { fr: 'Confirmée', en: 'Confirmed' },
  in_progress: { fr: 'En cours', en: 'In progress' },
  fitting: { fr: 'Essayage', en: 'Fitting' },
  ready: { fr: 'Prête', en: 'Ready' },
  delivered: { fr: 'Livrée', en: 'Delivered' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};

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
export function transitionRefusal(from: OrderStatus, to: OrderStatus, locale: 'fr' | 'en' = 'fr'): string | null {
  if (canTransition(from, to)) return null;
  const label = (s: OrderStatus) => ORDER_STATUS_LABELS[s][locale];
  if (from === to) {
    return locale === 'fr' ? `La commande est déjà « ${label(to)} ».` : `The order is already "${label(to)}".`;
  }
  const allowed = ORDER_TRANSITIONS[from].map(label).join(', ');
  return locale === 'fr'
    ? `Une commande « ${label(from)} » ne peut pas passer à « ${label(to)} » (possible : ${allowed}).`
    : `An order "${label(from)}" cannot move to "${label(to)}" (allowed: ${allowed}).`;
}
