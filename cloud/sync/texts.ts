/** What the sync area says: every error code with its status, and its French and English text. */
import { defineTexts, text, type Locale, type TextParams } from '../../shared/i18n/texts.js';
import { HttpError } from '../http/errors.js';

export const syncTexts = defineTexts({
  fr: {
    upgrade_required: 'Cette version de Styliste est trop ancienne : mettez l’application à jour.',
    unsupported_protocol: 'Version du protocole inconnue.',
    order_not_found: 'Commande introuvable dans cet atelier.',
    orders_forbidden: 'Votre rôle ne permet pas de consulter les commandes.',
  },
  en: {
    upgrade_required: 'This version of Styliste is too old: please update the app.',
    unsupported_protocol: 'Unknown protocol version.',
    order_not_found: 'Order not found in this workshop.',
    orders_forbidden: 'Your role does not allow reading orders.',
  },
});

/** Why the hub refuses one pushed mutation (a rejection's message; its code says what kind). */
export const pushRefusalTexts = defineTexts({
  fr: {
    forbidden: 'Votre rôle ne permet pas cette modification.',
    insertOnly: 'Cette ligne ne peut pas être modifiée : enregistrez une correction.',
    foreign: 'Cette ligne n’existe pas dans votre atelier.',
    skew: 'L’horloge de cet appareil est en avance : elle sera corrigée.',
    workshopRow: 'Un appareil ne peut pas créer un autre atelier.',
    profileRow: 'La fiche publique d’un atelier porte l’identifiant de l’atelier : celle-ci n’est pas la vôtre.',
    unknownTable: 'Le serveur ne connaît pas la table « {table} » : cette modification vient d’une version plus récente de Styliste.',
    unknownField: 'Le serveur ne connaît pas le champ « {field} » de la table « {table} » : cette modification vient d’une version plus récente de Styliste.',
    messageHubField: 'L’état d’envoi d’un message est écrit par le serveur seul.',
    messageCreatedStatus: 'Un nouveau message part « en attente » (ou est noté « ouvert dans WhatsApp »).',
    messageNotQueued: 'Ce message est déjà parti : il ne peut plus être annulé.',
    messageOnlyCancel: 'Un message envoyé ne se modifie pas : on peut seulement l’annuler tant qu’il attend.',
  },
  en: {
    forbidden: 'Your role does not allow this change.',
    insertOnly: 'This row cannot be changed: record a correction.',
    foreign: 'This row does not exist in your workshop.',
    skew: 'This device’s clock is ahead: it will be corrected.',
    workshopRow: 'A device cannot create another workshop.',
    profileRow: 'A workshop’s public profile has the workshop’s id: this one is not yours.',
    unknownTable: 'The server does not know the table “{table}”: this change comes from a newer version of Styliste.',
    unknownField: 'The server does not know the field “{field}” of the table “{table}”: this change comes from a newer version of Styliste.',
    messageHubField: 'A message’s delivery state is written by the server only.',
    messageCreatedStatus: 'A new message starts “waiting” (or is recorded as “opened in WhatsApp”).',
    messageNotQueued: 'This message has already left: it can no longer be cancelled.',
    messageOnlyCancel: 'A message is not edited once written: it can only be cancelled while it waits.',
  },
});

/** Each refusal of the area: its HTTP status and the code the app reads. */
const ERRORS = {
  upgrade_required: [426, 'upgrade_required'],
  unsupported_protocol: [400, 'unsupported_protocol'],
  order_not_found: [404, 'not_found'],
  orders_forbidden: [403, 'forbidden'],
} as const satisfies Record<keyof typeof syncTexts.fr, readonly [number, string]>;

export function syncError(key: keyof typeof ERRORS, locale: Locale, extra: Record<string, unknown> = {}, params?: TextParams): HttpError {
  const [status, code] = ERRORS[key];
  return new HttpError(status, code, text(syncTexts, locale, key, params), extra);
}
