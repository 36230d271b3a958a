/**
 * What paying says: the FedaPay webhook's refusals (with their status), the description of a
 * FedaPay transaction, and the return page (`/paiement/retour/<token>`). The checkout's own errors
 * (unknown plan, payment unavailable…) are billing's (texts.ts).
 */
import { defineTexts, text, type Locale, type TextParams } from '../../shared/i18n/texts.js';
import { HttpError } from '../http/errors.js';

export const paymentTexts = defineTexts({
  fr: {
    'webhook.not_configured': 'Les paiements FedaPay ne sont pas configurés sur ce serveur : notification refusée.',
    'webhook.missing_signature': 'Signature FedaPay absente (en-tête X-FEDAPAY-SIGNATURE).',
    'webhook.bad_signature': 'Signature FedaPay invalide.',
    'webhook.stale_signature': 'Signature FedaPay trop ancienne ou datée dans le futur (plus de 300 secondes).',
    'webhook.invalid_payload': 'Notification FedaPay illisible.',
    'webhook.unsafe_payload': 'Notification FedaPay refusée : caractère nul ou texte invalide.',
    'webhook.provider_unavailable': 'FedaPay ne répond pas pour le moment : la notification sera traitée à son prochain envoi.',
    'checkout.not_found': 'Paiement introuvable.',
    'describe.plan': 'Styliste — formule {plan}, {cycle}',
    'describe.renewal': 'Styliste — renouvellement de la formule {plan}, {cycle}',
    'describe.upgrade': 'Styliste — passage à la formule {plan} (jours restants de la période)',
    'describe.pack': 'Styliste — {pack}',
    'cycle.monthly': '1 mois',
    'cycle.yearly': '1 an',
    'page.title': 'Paiement Styliste',
    'page.pending': 'En attente de confirmation…',
    'page.pendingHelp': 'FedaPay nous confirme votre paiement. Cette page se met à jour toute seule ; vous pouvez aussi revenir dans l’application.',
    'page.paid': 'Paiement confirmé',
    'page.paidHelp': 'Merci ! {what} : {amount}. Le reçu est dans l’application, écran Abonnement.',
    'page.paidUntil': 'Formule payée jusqu’au {date}.',
    'page.declined': 'Paiement refusé',
    'page.declinedHelp': 'FedaPay n’a pas accepté ce paiement : rien n’a été débité. Vous pouvez réessayer depuis l’application.',
    'page.failed': 'Paiement non créé',
    'page.failedHelp': 'Le paiement n’a pas pu être créé chez FedaPay : rien n’a été débité. Réessayez depuis l’application.',
    'page.mismatch': 'Paiement à vérifier',
    'page.mismatchHelp': 'Le montant reçu ne correspond pas à la commande : rien n’a été appliqué. Notre équipe vérifie ; contactez le support si besoin.',
    'page.back': 'Retourner dans l’application',
    'page.unknown': 'Lien de paiement inconnu',
    'page.unknownHelp': 'Ce lien ne correspond à aucun paiement. Ouvrez l’écran Abonnement de l’application.',
    'page.tooMany': 'Trop de liens inconnus',
    'page.tooManyHelp': 'Trop de liens de paiement inconnus ont été ouverts depuis cette connexion. Réessayez dans {wait}, ou ouvrez l’écran Abonnement de l’application.',
  },
  en: {
    'webhook.not_configured': 'FedaPay payments are not configured on this server: notification refused.',
    'webhook.missing_signature': 'FedaPay signature missing (X-FEDAPAY-SIGNATURE header).',
    'webhook.bad_signature': 'Invalid FedaPay signature.',
    'webhook.stale_signature': 'FedaPay signature too old or dated in the future (more than 300 seconds).',
    'webhook.invalid_payload': 'Unreadable FedaPay notification.',
    'webhook.unsafe_payload': 'FedaPay notification refused: NUL character or invalid text.',
    'webhook.provider_unavailable': 'FedaPay is not answering at the moment: the notification will be handled when it is sent again.',
    'checkout.not_found': 'Payment not found.',
    'describe.plan': 'Styliste — {plan} plan, {cycle}',
    'describe.renewal': 'Styliste — renewal of the {plan} plan, {cycle}',
    'describe.upgrade': 'Styliste — upgrade to the {plan} plan (days left in the period)',
    'describe.pack': 'Styliste — {pack}',
    'cycle.monthly': '1 month',
    'cycle.yearly': '1 year',
    'page.title': 'Styliste payment',
    'page.pending': 'Waiting for confirmation…',
    'page.pendingHelp': 'FedaPay is confirming your payment. This page updates by itself; you may also go back to the app.',
    'page.paid': 'Payment confirmed',
    'page.paidHelp': 'Thank you! {what}: {amount}. The receipt is in the app, Subscription screen.',
    'page.paidUntil': 'Plan paid until {date}.',
    'page.declined': 'Payment declined',
    'page.declinedHelp': 'FedaPay did not accept this payment: nothing was charged. You can try again from the app.',
    'page.failed': 'Payment not created',
    'page.failedHelp': 'The payment could not be created at FedaPay: nothing was charged. Try again from the app.',
    'page.mismatch': 'Payment to be checked',
    'page.mismatchHelp': 'The amount received does not match the order: nothing was applied. Our team is checking; contact support if needed.',
    'page.back': 'Back to the app',
    'page.unknown': 'Unknown payment link',
    'page.unknownHelp': 'This link matches no payment. Open the Subscription screen of the app.',
    'page.tooMany': 'Too many unknown links',
    'page.tooManyHelp': 'Too many unknown payment links were opened from this connection. Try again in {wait}, or open the Subscription screen of the app.',
  },
});

export type PaymentTextKey = keyof typeof paymentTexts.fr;

export function paymentText(locale: Locale, key: PaymentTextKey, params?: TextParams): string {
  return text(paymentTexts, locale, key, params);
}

const WEBHOOK_STATUS = {
  'webhook.not_configured': 401,
  'webhook.missing_signature': 401,
  'webhook.bad_signature': 401,
  'webhook.stale_signature': 401,
  'webhook.invalid_payload': 400,
  'webhook.unsafe_payload': 400,
  'webhook.provider_unavailable': 503,
  'checkout.not_found': 404,
} as const;

export type PaymentErrorKey = keyof typeof WEBHOOK_STATUS;

/** An HTTP error of paying: its code is the key's last part (`bad_signature`, `not_found`…). */
export function paymentError(key: PaymentErrorKey, locale: Locale): HttpError {
  return new HttpError(WEBHOOK_STATUS[key], key.split('.')[1]!, paymentText(locale, key));
}
