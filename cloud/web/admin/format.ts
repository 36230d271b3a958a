/** How the portal shows amounts, dates and statuses (French). */
import { formatXof } from '../../../shared/domain/money.js';
import { formatPhone } from '../../../shared/domain/phone.js';
import { translator } from './i18n.js';
import { COMMON_TEXTS } from './texts/common.js';

const t = translator(COMMON_TEXTS);

export function money(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : formatXof(amount, 'fr');
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat('fr-FR').format(value);
}

const DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A day (YYYY-MM-DD, shown as is) or an instant (shown on the admin's own calendar). */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? DAY.format(new Date(`${iso}T00:00:00Z`)) : DATE.format(new Date(iso));
}

/** « +229 01 97 61 00 01 » for an E.164 number; anything else as stored. */
export function phone(value: string | null | undefined): string {
  if (!value) return '—';
  return /^\+\d{8,15}$/.test(value) ? formatPhone(value, 'international') : value;
}

const TARGETS: Record<string, string> = { admin: t('targetAdmin'), workshop: t('targetWorkshop'), profile: t('targetProfile'), photo: t('targetPhoto'), report: t('targetReport') };

export function targetLabel(type: string | null): string {
  return type ? (TARGETS[type] ?? type) : '—';
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

export const STATUS_LABELS: Record<string, string> = {
  trial: t('statusTrial'),
  active: t('statusActive'),
  past_due: t('statusPastDue'),
  suspended: t('statusSuspended'),
  cancelled: t('statusCancelled'),
};

export function statusLabel(status: string | null | undefined): string {
  return status ? (STATUS_LABELS[status] ?? status) : t('noSubscription');
}
