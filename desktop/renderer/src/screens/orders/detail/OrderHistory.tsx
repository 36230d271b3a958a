/** The order's history (insert-only events) told as sentences: created, status changes, edits, payments, fittings. */
import { useLocale, useTexts } from '../../../app/locale.js';
import { dateTime, day, money } from '../../../ui/format.js';
import type { Locale } from '../../../app/locale.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { methodLabel, statusLabel } from '../labels.js';
import type { HistoryLoad } from './useOrderHistory.js';

type OrderEvent = OrderDetail['events'][number];

const FIELD_NAMES: Record<Locale, Record<string, string>> = {
  fr: { promisedDate: 'date promise', price: 'prix', description: 'description', internalNote: 'note interne', urgency: 'urgence', garmentTypeId: 'vêtement', fabricSource: 'tissu', fabricPagnes: 'pagnes', fabricPhoto: 'photo du tissu', modelPhoto: 'photo du modèle', assignedTo: 'responsable' },
  en: { promisedDate: 'promised date', price: 'price', description: 'description', internalNote: 'internal note', urgency: 'urgency', garmentTypeId: 'garment', fabricSource: 'fabric', fabricPagnes: 'pagnes', fabricPhoto: 'fabric photo', modelPhoto: 'model photo', assignedTo: 'assignee' },
};

const TEXTS = {
  fr: {
    title: 'Historique', by: 'par', list: 'Historique de la commande',
    loading: 'Chargement de l’historique…',
    later: 'L’historique complet de cette commande sera chargé à la prochaine connexion.',
    retry: 'Réessayer',
  },
  en: {
    title: 'History', by: 'by', list: 'Order history',
    loading: 'Loading the history…',
    later: 'The full history of this order will be loaded at the next connection.',
    retry: 'Try again',
  },
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** One event as a sentence in the locale (a date such as « lun. 30 nov. » may already end it). */
export function eventSentence(event: OrderEvent, locale: Locale, timeZone?: string): string {
  return sentence(event, locale, timeZone).replace(/\.\.$/, '.');
}

function sentence(event: OrderEvent, locale: Locale, timeZone?: string): string {
  const d = event.data;
  const fr = locale === 'fr';
  switch (event.type) {
    case 'created':
      return fr
        ? `Commande ${str(d.number)} créée (${statusLabel(str(d.status), locale)}), prix ${money(num(d.price), locale)}, promise pour le ${day(str(d.promisedDate), locale)}.`
        : `Order ${str(d.number)} created (${statusLabel(str(d.status), locale)}), price ${money(num(d.price), locale)}, promised for ${day(str(d.promisedDate), locale)}.`;
    case 'status': {
      const note = str(d.note) ? ` — ${str(d.note)}` : '';
      return fr
        ? `Statut changé : « ${statusLabel(str(d.from), locale)} » → « ${statusLabel(str(d.to), locale)} »${note}.`
        : `Status changed: “${statusLabel(str(d.from), locale)}” → “${statusLabel(str(d.to), locale)}”${note}.`;
    }
    case 'updated': {
      const fields = (Array.isArray(d.fields) ? d.fields : []).map(String).map((field) => {
        const name = FIELD_NAMES[locale][field] ?? field;
        const value = d[field];
        if (field === 'price' && typeof value === 'number') return `${name}${fr ? ' :' : ':'} ${money(value, locale)}`;
        if (field === 'promisedDate' && typeof value === 'string') return `${name}${fr ? ' :' : ':'} ${day(value, locale)}`;
        return name;
      });
      return fr ? `Commande modifiée — ${fields.join(', ')}.` : `Order edited — ${fields.join(', ')}.`;
    }
    case 'payment': {
      const what = d.kind === 'deposit' ? (fr ? 'Acompte reçu' : 'Deposit received') : fr ? 'Paiement reçu' : 'Payment received';
      return `${what}${fr ? ' :' : ':'} ${money(num(d.amount), locale)} (${methodLabel(str(d.method), locale)}).`;
    }
    case 'reversal':
      return fr ? `Paiement de ${money(Math.abs(num(d.amount)), locale)} annulé.` : `Payment of ${money(Math.abs(num(d.amount)), locale)} reversed.`;
    case 'fitting': {
      if (d.deleted) return fr ? 'Essayage supprimé.' : 'Fitting removed.';
      const when = str(d.at) ? dateTime(str(d.at), locale, timeZone) : '';
      if (d.status === 'planned') return fr ? `Essayage prévu le ${when}.` : `Fitting planned on ${when}.`;
      if (d.status === 'done') return fr ? 'Essayage fait.' : 'Fitting done.';
      if (d.status === 'missed') return fr ? 'Essayage manqué : le client n’est pas venu.' : 'Fitting missed: the client did not come.';
      return when ? (fr ? `Essayage déplacé au ${when}.` : `Fitting moved to ${when}.`) : fr ? 'Essayage modifié.' : 'Fitting changed.';
    }
    case 'deleted':
      return fr ? 'Commande supprimée.' : 'Order deleted.';
    default:
      return event.type;
  }
}

export function OrderHistory({ events, memberNames, timeZone, load, onRetry }: {
  events: OrderEvent[];
  memberNames: Map<string, string>;
  timeZone?: string;
  /** Fetching the part of the history this device lacks (an order closed long ago). */
  load?: HistoryLoad;
  onRetry?(): void;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  return (
    <section className="card" aria-labelledby="order-history-title">
      <h2 id="order-history-title" style={{ marginTop: 0 }}>{t.title}</h2>
      {load === 'loading' ? <p className="muted" role="status" aria-busy="true">{t.loading}</p> : null}
      {load === 'failed' ? (
        <p className="muted row" role="status">
          <span>{t.later}</span>
          {onRetry ? <button type="button" onClick={onRetry}>{t.retry}</button> : null}
        </p>
      ) : null}
      <ol className="list o-history" aria-label={t.list}>
        {[...events].reverse().map((event) => {
          const who = event.by ? memberNames.get(event.by) : undefined;
          return (
            <li key={event.id}>
              <time dateTime={event.at}>{dateTime(event.at, locale, timeZone)}{who ? ` — ${t.by} ${who}` : ''}</time>
              {eventSentence(event, locale, timeZone)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
