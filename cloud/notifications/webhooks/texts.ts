/**
 * What the providers' webhooks say: their refusals (each code with its status), and why a message
 * failed in the tailor's words, per provider code (stored as the message's `failureReason`, which
 * the app shows in the client's history). Africa's Talking gives a `failureReason` word
 * (InsufficientCredit, UserInBlackList…) or only a final status (Rejected, Failed,
 * AbsentSubscriber, Expired); Twilio an `ErrorCode` (63016 outside WhatsApp's window, 21211,
 * 21610, 30003–30008…). A provider's own words never reach the row: only these sentences, with at
 * most a short code in them.
 */
import { defineTexts, text, type Locale } from '../../../shared/i18n/texts.js';
import { areaErrors } from '../../http/errors.js';

export const webhookTexts = defineTexts({
  fr: {
    missing_token: 'Jeton absent : l’adresse des rapports de remise doit porter ?token=….',
    bad_token: 'Jeton invalide : rapport de remise refusé.',
    missing_signature: 'Signature Twilio (X-Twilio-Signature) absente.',
    bad_signature: 'Signature Twilio invalide : notification refusée.',
    not_configured: 'Ce fournisseur n’est pas configuré sur ce serveur : notification refusée.',
    unsupported_media_type: 'Les notifications des fournisseurs arrivent en formulaire (application/x-www-form-urlencoded).',
    too_many_fields: 'Notification refusée : trop de champs.',
    invalid_report: 'Notification illisible : identifiant ou état du message manquant ou invalide.',
  },
  en: {
    missing_token: 'Token missing: the delivery report address must carry ?token=….',
    bad_token: 'Invalid token: delivery report refused.',
    missing_signature: 'Twilio signature (X-Twilio-Signature) missing.',
    bad_signature: 'Invalid Twilio signature: notification refused.',
    not_configured: 'This provider is not configured on this server: notification refused.',
    unsupported_media_type: 'Provider notifications arrive as forms (application/x-www-form-urlencoded).',
    too_many_fields: 'Notification refused: too many fields.',
    invalid_report: 'Unreadable notification: the message’s id or status is missing or invalid.',
  },
});

export type WebhookErrorCode = keyof typeof webhookTexts.fr;

const STATUS: Record<WebhookErrorCode, number> = {
  missing_token: 401,
  bad_token: 403,
  missing_signature: 401,
  bad_signature: 403,
  not_configured: 403,
  unsupported_media_type: 415,
  too_many_fields: 413,
  invalid_report: 400,
};

export const webhookError = areaErrors(webhookTexts, STATUS);

/** Why a message did not arrive, per provider code. `at.*` keys are Africa's Talking's words in lower case. */
export const failureTexts = defineTexts({
  fr: {
    'at.insufficientcredit': 'Le client n’a pas assez de crédit chez son opérateur pour recevoir ce SMS.',
    'at.invalidlinkid': 'L’opérateur a refusé le SMS (réglage du service SMS à revoir).',
    'at.userisinactive': 'Le numéro du client n’est plus actif chez son opérateur.',
    'at.userinblacklist': 'Le client a bloqué les SMS de cet expéditeur.',
    'at.useraccountsuspended': 'La ligne du client est suspendue par son opérateur.',
    'at.notnetworksubscriber': 'Ce numéro n’est pas chez l’opérateur attendu (numéro erroné ou changé de réseau) : vérifiez-le avec le client.',
    'at.usernotsubscribedtoproduct': 'Le client n’est pas abonné à ce service SMS.',
    'at.userdoesnotexist': 'Ce numéro n’existe pas : vérifiez-le avec le client.',
    'at.invalidphonenumber': 'Numéro invalide : vérifiez-le avec le client.',
    'at.donotdisturbrejection': 'Le client a demandé à ne plus recevoir ce genre de SMS (liste « ne pas déranger »).',
    'at.usermemorycapacityexceeded': 'La mémoire des SMS du téléphone du client est pleine.',
    'at.deliveryfailure': 'L’opérateur n’a pas pu remettre le SMS au téléphone du client.',
    'at.absentsubscriber': 'Le téléphone du client est resté éteint ou hors réseau : le SMS n’a pas pu être remis.',
    'at.expired': 'Le téléphone du client est resté éteint ou hors réseau trop longtemps : le SMS a expiré.',
    'at.rejected': 'L’opérateur du client a refusé le SMS.',
    'at.failed': 'Le SMS n’a pas pu être remis au téléphone du client.',
    'at.other': 'Le SMS n’a pas pu être remis au téléphone du client (raison de l’opérateur : {reason}).',
    'twilio.63016': 'Hors de la fenêtre de 24 heures de WhatsApp : le client doit d’abord écrire, sinon seul un modèle approuvé peut partir.',
    'twilio.21211': 'Numéro WhatsApp invalide : vérifiez-le avec le client.',
    'twilio.21610': 'Le client a demandé à ne plus recevoir de messages (« STOP »).',
    'twilio.30003': 'Le téléphone du client est éteint ou hors réseau.',
    'twilio.30004': 'Le message a été bloqué : le client a peut-être bloqué ce numéro.',
    'twilio.30005': 'Numéro inconnu : il n’existe pas ou n’est plus attribué.',
    'twilio.30006': 'Ce numéro ne peut pas recevoir ce message (ligne fixe ou opérateur injoignable).',
    'twilio.30007': 'Le message a été filtré par l’opérateur ou par WhatsApp.',
    'twilio.30008': 'Échec de remise inconnu chez l’opérateur : réessayez plus tard.',
    'twilio.63003': 'Ce numéro n’a pas de compte WhatsApp.',
    'twilio.63014': 'Le client a bloqué les messages de ce numéro sur WhatsApp.',
    'twilio.63024': 'Destinataire WhatsApp invalide : vérifiez le numéro avec le client.',
    'twilio.63049': 'WhatsApp a choisi de ne pas remettre ce message (limite de messages d’entreprise du client).',
    'twilio.other': 'Le message WhatsApp n’a pas pu être remis (code Twilio {code}).',
    'twilio.none': 'Le message WhatsApp n’a pas pu être remis.',
  },
  en: {
    'at.insufficientcredit': 'The client does not have enough airtime with their operator to receive this SMS.',
    'at.invalidlinkid': 'The operator refused the SMS (the SMS service settings need checking).',
    'at.userisinactive': 'The client’s number is no longer active with their operator.',
    'at.userinblacklist': 'The client blocked SMS from this sender.',
    'at.useraccountsuspended': 'The client’s line is suspended by their operator.',
    'at.notnetworksubscriber': 'This number is not with the expected operator (wrong number or moved to another network): check it with the client.',
    'at.usernotsubscribedtoproduct': 'The client is not subscribed to this SMS service.',
    'at.userdoesnotexist': 'This number does not exist: check it with the client.',
    'at.invalidphonenumber': 'Invalid number: check it with the client.',
    'at.donotdisturbrejection': 'The client asked not to receive this kind of SMS ("do not disturb" list).',
    'at.usermemorycapacityexceeded': 'The SMS memory of the client’s phone is full.',
    'at.deliveryfailure': 'The operator could not deliver the SMS to the client’s phone.',
    'at.absentsubscriber': 'The client’s phone stayed off or out of coverage: the SMS could not be delivered.',
    'at.expired': 'The client’s phone stayed off or out of coverage too long: the SMS expired.',
    'at.rejected': 'The client’s operator refused the SMS.',
    'at.failed': 'The SMS could not be delivered to the client’s phone.',
    'at.other': 'The SMS could not be delivered to the client’s phone (operator’s reason: {reason}).',
    'twilio.63016': 'Outside WhatsApp’s 24-hour window: the client must write first, otherwise only an approved template can be sent.',
    'twilio.21211': 'Invalid WhatsApp number: check it with the client.',
    'twilio.21610': 'The client asked to receive no more messages ("STOP").',
    'twilio.30003': 'The client’s phone is off or out of coverage.',
    'twilio.30004': 'The message was blocked: the client may have blocked this number.',
    'twilio.30005': 'Unknown number: it does not exist or is no longer assigned.',
    'twilio.30006': 'This number cannot receive this message (landline or unreachable operator).',
    'twilio.30007': 'The message was filtered by the operator or by WhatsApp.',
    'twilio.30008': 'Unknown delivery failure at the operator: try again later.',
    'twilio.63003': 'This number has no WhatsApp account.',
    'twilio.63014': 'The client blocked messages from this number on WhatsApp.',
    'twilio.63024': 'Invalid WhatsApp recipient: check the number with the client.',
    'twilio.63049': 'WhatsApp chose not to deliver this message (the client’s business-message limit).',
    'twilio.other': 'The WhatsApp message could not be delivered (Twilio code {code}).',
    'twilio.none': 'The WhatsApp message could not be delivered.',
  },
});

type FailureKey = keyof typeof failureTexts.fr;

function isFailureKey(key: string): key is FailureKey {
  return Object.hasOwn(failureTexts.fr, key);
}

/** Africa's Talking's spellings vary (UserInBlacklist / UserInBlackList, NotNetworkSubcriber). */
const AT_ALIASES: Record<string, string> = { notnetworksubcriber: 'notnetworksubscriber' };

function atKey(word: string): FailureKey | null {
  const plain = word.replace(/[^A-Za-z]/g, '').toLowerCase();
  const key = `at.${AT_ALIASES[plain] ?? plain}`;
  return isFailureKey(key) && key !== 'at.other' ? key : null;
}

/**
 * The reason for an Africa's Talking failure: its `failureReason` word; a word we do not know is
 * named (short, letters and digits only: never the provider's raw text); without one, its final status.
 */
export function africasTalkingFailureText(failureReason: string | null, status: string, locale: Locale = 'fr'): string {
  if (failureReason) {
    const key = atKey(failureReason);
    if (key) return text(failureTexts, locale, key);
    const reason = failureReason.replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
    if (reason) return text(failureTexts, locale, 'at.other', { reason });
  }
  return text(failureTexts, locale, atKey(status) ?? 'at.failed');
}

/** The reason for a Twilio failure, from its `ErrorCode` (digits only, or null). */
export function twilioFailureText(errorCode: number | null, locale: Locale = 'fr'): string {
  if (errorCode === null) return text(failureTexts, locale, 'twilio.none');
  const key = `twilio.${errorCode}`;
  return isFailureKey(key) ? text(failureTexts, locale, key) : text(failureTexts, locale, 'twilio.other', { code: errorCode });
}
