/** How the portal shows amounts, dates and statuses (French). */
import { formatXof } from '../../../shared/domain/money.js';

export function money(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : formatXof(amount, 'fr');
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat('fr-FR').format(value);
}

const DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function date(iso: string | null | undefined): string {
  return iso ? DATE.format(new Date(iso)) : '—';
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

export const STATUS_LABELS: Record<string, string> = {
  trial: 'Essai',
  active: 'Actif',
  past_due: 'Paiement en retard',
  suspended: 'Suspendu',
  cancelled: 'Résilié',
};

export function statusLabel(status: string | null | undefined): string {
  return status ? (STATUS_LABELS[status] ?? status) : 'Sans abonnement';
}
