/** What the billing channels say themselves (billingChannels.ts), in the app's language. */
import { defineTexts } from '../i18n/texts.js';

export const BILLING_HOST_TEXTS = defineTexts({
  fr: {
    externalUnsupported: 'Cette application ouvre la page de paiement elle-même, dans un nouvel onglet.',
    externalRefused: 'Page refusée : seule la page de paiement d’un achat en cours peut être ouverte.',
    receiptFailed: 'Reçu indisponible ({status}).',
  },
  en: {
    externalUnsupported: 'This application opens the payment page itself, in a new tab.',
    externalRefused: 'Page refused: only the payment page of a purchase in progress can be opened.',
    receiptFailed: 'Receipt unavailable ({status}).',
  },
});
