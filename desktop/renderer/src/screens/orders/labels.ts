/** Words the orders screens share: statuses, urgencies, payment methods, moves, lateness. */
import { ORDER_STATUSES, ORDER_STATUS_LABELS, ORDER_TRANSITIONS, OPEN_STATUSES, type OrderStatus } from '../../../../../shared/domain/orderStatus.js';
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../../../../shared/domain/payments.js';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../../shared/domain/promisedDate.js';
import { FITTING_STATUSES, FITTING_STATUS_LABELS, type FittingStatus } from '../../../../../shared/domain/fittingStatus.js';
import { todayIn } from '../../../../../shared/domain/calendar.js';
import type { Locale } from '../../app/locale.js';

export { FITTING_STATUSES, URGENCIES, type FittingStatus, type Urgency };

function isKey<K extends string>(list: readonly K[], value: string): value is K {
  return (list as readonly string[]).includes(value);
}

export function urgencyLabel(urgency: string, locale: Locale): string {
  return isKey(URGENCIES, urgency) ? URGENCY_LABELS[locale][urgency] : urgency;
}

// The names are the domain's (the PDF documents show the same).
export function statusLabel(status: string, locale: Locale): string {
  return isKey(ORDER_STATUSES, status) ? ORDER_STATUS_LABELS[locale][status] : status;
}

export function methodLabel(method: string, locale: Locale): string {
  return isKey(PAYMENT_METHODS, method) ? PAYMENT_METHOD_LABELS[locale][method] : method;
}

export function fittingStatusLabel(status: string, locale: Locale): string {
  return isKey(FITTING_STATUSES, status) ? FITTING_STATUS_LABELS[locale][status] : status;
}

export function isPaymentMethod(value: string): value is PaymentMethod {
  return isKey(PAYMENT_METHODS, value);
}

export function methodOptions(locale: Locale): { value: string; label: string }[] {
  return PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[locale][m] }));
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

/**
 * « 12 000 », « 12000 », « 1,5 » → a number; blank → undefined; anything else → NaN, which the
 * engine refuses with the same message as any other non-number, naming the field.
 */
export function typedNumber(value: string): number | undefined {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  const n = Number(compact);
  return Number.isFinite(n) ? n : Number.NaN;
}
