/** Words the orders screens share: statuses, urgencies, payment methods, moves, lateness. */
import { ORDER_STATUSES, ORDER_STATUS_LABELS, ORDER_TRANSITIONS, OPEN_STATUSES, type OrderStatus } from '../../../../../shared/domain/orderStatus.js';
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../../../../shared/domain/payments.js';
import { todayIn } from '../../../../../shared/domain/calendar.js';
import type { Locale } from '../../app/locale.js';

export type Urgency = 'normal' | 'high' | 'urgent';
export const URGENCIES: readonly Urgency[] = ['normal', 'high', 'urgent'];

const URGENCY_TEXT: Record<Urgency, { fr: string; en: string }> = {
  normal: { fr: 'Normale', en: 'Normal' },
  high: { fr: 'Haute', en: 'High' },
  urgent: { fr: 'Urgente', en: 'Urgent' },
};

export function urgencyLabel(urgency: string, locale: Locale): string {
  return URGENCY_TEXT[urgency as Urgency]?.[locale] ?? urgency;
}

export function statusLabel(status: string, locale: Locale): string {
  return ORDER_STATUS_LABELS[status as OrderStatus]?.[locale] ?? status;
}

export function methodLabel(method: string, locale: Locale): string {
  return PAYMENT_METHOD_LABELS[method as PaymentMethod]?.[locale] ?? method;
}

export function methodOptions(locale: Locale): { value: string; label: string }[] {
  return PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m][locale] }));
}

/** The moves forward in the pipeline (not cancelling, not going back): the board's quick buttons. */
export function forwardMoves(status: OrderStatus): OrderStatus[] {
  const rank = ORDER_STATUSES.indexOf(status);
  return ORDER_TRANSITIONS[status].filter((to) => to !== 'cancelled' && ORDER_STATUSES.indexOf(to) > rank);
}

export const WORKSHOP_TZ = 'Africa/Porto-Novo';

export function workshopToday(timeZone: string | undefined): string {
  return todayIn(timeZone ?? WORKSHOP_TZ, new Date());
}

/** Still to hand over and its promised date is past. */
export function isLate(order: { status: OrderStatus; promisedDate: string }, today: string): boolean {
  return OPEN_STATUSES.includes(order.status) && order.promisedDate < today;
}

/** « 12 000 », « 12000 », « 1,5 » → a number; anything else stays as typed so the engine names the mistake. */
export function numberOrText(value: string): number | string | undefined {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  const n = Number(compact);
  return Number.isFinite(n) ? n : value;
}
