/**
 * What the tracking page says to a workshop's client (`/t/<token>`), French first: the order's
 * state in a sentence per status (the status's own name comes from shared/domain/orderStatus.ts,
 * the labels the app shows), the balance, the workshop's contact, and the two refusals (an unknown
 * link, too many lookups). Dates are written with the catalogue's pattern and Intl's names of
 * days and months ("mardi 1er décembre 2026").
 */
import { defineTexts } from '../../shared/i18n/texts.js';

export const trackingTexts = defineTexts({
  fr: {
    intl: 'fr-FR',
    title: 'Commande {number} · {workshop}',
    heading: 'Commande {number}',
    'status.quote': 'Le devis attend votre accord.',
    'status.confirmed': 'Votre commande est enregistrée.',
    'status.in_progress': 'Votre tenue est en cours de confection.',
    'status.fitting': 'Votre tenue en est à l’essayage : l’atelier vous dira quand passer.',
    'status.ready': 'Votre tenue est prête : vous pouvez venir la récupérer.',
    'status.delivered': 'Votre tenue vous a été remise.',
    promisedDate: 'Date promise',
    deliveredOn: 'Remise le',
    balance: 'Reste à payer',
    payment: 'Paiement',
    'balance.none': 'Tout est payé.',
    'balance.over': 'Vous avez payé {amount} de plus : voyez l’atelier.',
    workshop: 'Votre atelier',
    call: 'Appeler le {phone}',
    note: 'Page de suivi envoyée par votre atelier. Elle montre ce que l’atelier a enregistré à sa dernière connexion : en cas de doute, appelez-le.',
    date: '{weekday} {day} {month} {year}',
    firstOfMonth: '1er',
    'notFound.title': 'Lien de suivi introuvable',
    'notFound.body': 'Ce lien de suivi n’existe pas ou n’est plus valable. L’atelier vous a peut-être envoyé un nouveau lien : demandez-le-lui.',
    'tooMany.title': 'Trop de tentatives',
    'tooMany.body': 'Trop de liens de suivi ont été ouverts depuis cette connexion. Réessayez dans {wait}.',
    'unavailable.title': 'Suivi momentanément indisponible',
    'unavailable.body': 'Le suivi des commandes ne répond pas pour le moment. Réessayez dans quelques minutes, ou appelez votre atelier.',
  },
  en: {
    intl: 'en-US',
    title: 'Order {number} · {workshop}',
    heading: 'Order {number}',
    'status.quote': 'The quote is waiting for your approval.',
    'status.confirmed': 'Your order is recorded.',
    'status.in_progress': 'Your garment is being made.',
    'status.fitting': 'Your garment is at the fitting stage: the workshop will tell you when to come.',
    'status.ready': 'Your garment is ready: you can come and collect it.',
    'status.delivered': 'Your garment has been handed over to you.',
    promisedDate: 'Promised date',
    deliveredOn: 'Handed over on',
    balance: 'Left to pay',
    payment: 'Payment',
    'balance.none': 'Everything is paid.',
    'balance.over': 'You paid {amount} too much: see the workshop.',
    workshop: 'Your workshop',
    call: 'Call {phone}',
    note: 'Tracking page sent by your workshop. It shows what the workshop recorded when it was last online: if in doubt, call it.',
    date: '{weekday}, {month} {day}, {year}',
    firstOfMonth: '1',
    'notFound.title': 'Tracking link not found',
    'notFound.body': 'This tracking link does not exist or is no longer valid. The workshop may have sent you a new link: ask for it.',
    'tooMany.title': 'Too many attempts',
    'tooMany.body': 'Too many tracking links were opened from this connection. Try again in {wait}.',
    'unavailable.title': 'Tracking unavailable for a moment',
    'unavailable.body': 'Order tracking is not answering right now. Try again in a few minutes, or call your workshop.',
  },
});

export type TrackingTextKey = keyof typeof trackingTexts.fr;
