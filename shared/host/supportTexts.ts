/** What the support channel says itself (supportChannels.ts), in the app's language. */
import { defineTexts } from '../i18n/texts.js';

export const SUPPORT_HOST_TEXTS = defineTexts({
  fr: {
    unreadable: 'Autorisation d’assistance illisible : le serveur a répondu dans un format inattendu.',
  },
  en: {
    unreadable: 'Unreadable support permission: the server answered in an unexpected format.',
  },
});
