/** The order's history (insert-only events) told as sentences: created, status changes, edits, payments, fittings. */
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts, text, type TextParams } from '../../../../../../shared/i18n/texts.js';
import { dateTime, day, money } from '../../../ui/format.js';
import type { Locale } from '../../../app/locale.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { methodLabel, statusLabel } from '../labels.js';
import type { HistoryLoad } from './useOrderHistory.js';

type OrderEvent = OrderDetail['events'][number];

const TEXTS = defineTexts({
  fr: {
    title: 'Historique', by: ' — par {who}', list: 'Historique de la commande',
    loading: 'Chargement de l’historique…',
    later: 'L’historique complet de cette commande sera chargé à la prochaine connexion.',
    retry: 'Réessayer',
    created: 'Commande {number} créée ({status}), prix {price}, promise pour le {date}.',
    status: 'Statut changé : « {from} » → « {to} »{note}.',
    statusNote: ' — {note}',
    updated: 'Commande modifiée — {fields}.',
    fieldValue: '{name} : {value}',
    deposit: 'Acompte reçu : {amount} ({method}).',
    payment: 'Paiement reçu : {amount} ({method}).',
    reversal: 'Paiement de {amount} annulé.',
    fittingRemoved: 'Essayage supprimé.',
    fittingPlanned: 'Essayage prévu le {when}.',
    fittingDone: 'Essayage fait.',
    fittingMissed: 'Essayage manqué : le client n’est pas venu.',
    fittingMoved: 'Essayage déplacé au {when}.',
    fittingChanged: 'Essayage modifié.',
    deleted: 'Commande supprimée.',
    'field.promisedDate': 'date promise', 'field.price': 'prix', 'field.description': 'description', 'field.internalNote': 'note interne',
    'field.urgency': 'urgence', 'field.garmentTypeId': 'vêtement', 'field.fabricSource': 'tissu', 'field.fabricPagnes': 'pagnes',
    'field.fabricPhoto': 'photo du tissu', 'field.modelPhoto': 'photo du modèle', 'field.assignedTo': 'responsable',
  },
  en: {
    title: 'History', by: ' — by {who}', list: 'Order history',
    loading: 'Loading the history…',
    later: 'The full history of this order will be loaded at the next connection.',
    retry: 'Try again',
    created: 'Order {number} created ({status}), price {price}, promised for {date}.',
    status: 'Status changed: “{from}” → “{to}”{note}.',
    statusNote: ' — {note}',
    updated: 'Order edited — {fields}.',
    fieldValue: '{name}: {value}',
    deposit: 'Deposit received: {amount} ({method}).',
    payment: 'Payment received: {amount} ({method}).',
    reversal: 'Payment of {amount} reversed.',
    fittingRemoved: 'Fitting removed.',
    fittingPlanned: 'Fitting planned on {when}.',
    fittingDone: 'Fitting done.',
    fittingMissed: 'Fitting missed: the client did not come.',
    fittingMoved: 'Fitting moved to {when}.',
    fittingChanged: 'Fitting changed.',
    deleted: 'Order deleted.',
    'field.promisedDate': 'promised date', 'field.price': 'price', 'field.description': 'description', 'field.internalNote': 'internal note',
    'field.urgency': 'urgency', 'field.garmentTypeId': 'garment', 'field.fabricSource': 'fabric', 'field.fabricPagnes': 'pagnes',
    'field.fabricPhoto': 'fabric photo', 'field.modelPhoto': 'model photo', 'field.assignedTo': 'assignee',
  },
});

type Key = keyof (typeof TEXTS)['fr'];

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** One event as a sentence in the locale (a date such as « lun. 30 nov. » may already end it). */
export function eventSentence(event: OrderEvent, locale: Locale, timeZone?: string): string {
  return sentence(event, locale, timeZone).replace(/\.\.$/, '.');
}

function sentence(event: OrderEvent, locale: Locale, timeZone?: string): string {
  const d = event.data;
  const say = (key: Key, params?: TextParams) => text(TEXTS, locale, key, params);
  switch (event.type) {
    case 'created':
      return say('created', { number: str(d.number), status: statusLabel(str(d.status), locale), price: money(num(d.price), locale), date: day(str(d.promisedDate), locale) });
    case 'status':
      return say('status', { from: statusLabel(str(d.from), locale), to: statusLabel(str(d.to), locale), note: str(d.note) ? say('statusNote', { note: str(d.note) }) : '' });
    case 'updated': {
      const fields = (Array.isArray(d.fields) ? d.fields : []).map(String).map((field) => {
        const key = `field.${field}`;
        const name = key in TEXTS.fr ? say(key as Key) : field;
        const value = d[field];
        if (field === 'price' && typeof value === 'number') return say('fieldValue', { name, value: money(value, locale) });
        if (field === 'promisedDate' && typeof value === 'string') return say('fieldValue', { name, value: day(value, locale) });
        return name;
      });
      return say('updated', { fields: fields.join(', ') });
    }
    case 'payment':
      return say(d.kind === 'deposit' ? 'deposit' : 'payment', { amount: money(num(d.amount), locale), method: methodLabel(str(d.method), locale) });
    case 'reversal':
      return say('reversal', { amount: money(Math.abs(num(d.amount)), locale) });
    case 'fitting': {
      if (d.deleted) return say('fittingRemoved');
      const when = str(d.at) ? dateTime(str(d.at), locale, timeZone) : '';
      if (d.status === 'planned') return say('fittingPlanned', { when });
      if (d.status === 'done') return say('fittingDone');
      if (d.status === 'missed') return say('fittingMissed');
      return when ? say('fittingMoved', { when }) : say('fittingChanged');
    }
    case 'deleted':
      return say('deleted');
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
              <time dateTime={event.at}>{dateTime(event.at, locale, timeZone)}{who ? fill(t.by, { who }) : ''}</time>
              {eventSentence(event, locale, timeZone)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
