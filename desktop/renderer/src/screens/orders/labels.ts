/** Words the orders screens share: statuses, urgencies, payment methods, moves, lateness. */
import { ORDER_STATUSES, ORDER_STATUS_LABELS, ORDER_TRANSITIONS, OPEN_STATUSES, type OrderStatus } from '../../../../../shared/domain/orderStatus.js';
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../../../../shared/domain/payments.js';
import { todayIn } from '../../../../../shared/domain/calendar.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { Locale } from '../../app/locale.js';

export type Urgency = 'normal' | 'high' | 'urgent';
export const URGENCIES: readonly Urgency[] = ['normal', 'high', 'urgent'];

const URGENCY_TEXTS = defineTexts<Urgency>({
  fr: { normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
  en: { normal: 'Normal', high: 'High', urgent: 'Urgent' },
});

function isKey<K extends string>(list: readonly K[], value: string): value is K {
  return (list as readonly string[]).includes(value);
}

export function urgencyLabel(urgency: string, locale: Locale): string {
  return isKey(URGENCIES, urgency) ? URGENCY_TEXTS[locale][urgency] : urgency;
}

// The statuses' and payment methods' names are the domain's (shared with the PDF documents).
export function statusLabel(status: string, locale: Locale): string {
  return isKey(ORDER_STATUSES, status) ? ORDER_STATUS_LABELS[status][locale] : status;
}

export function methodLabel(method: string, locale: Locale): string {
  return isKey(PAYMENT_METHODS, method) ? PAYMENT_METHOD_LABELS[method][locale] : method;
}

export const FITTING_STATUSES = ['planned', 'done', 'missed'] as const;
export type FittingStatus = (typeof FITTING_STATUSES)[number];

const FITTING_TEXTS = defineTexts<FittingStatus>({
  fr: { planned: 'Prévu', done: 'Fait', missed: 'Manqué' },
  en: { planned: 'Planned', done: 'Done', missed: 'Missed' },
});

export function fittingStatusLabel(status: string, locale: Locale): string {
  return isKey(FITTING_STATUSES, status) ? FITTING_TEXTS[locale][status] : status;
}

export function isPaymentMethod(value: string): value is PaymentMethod {
  return isKey(PAYMENT_METHODS, value);
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
