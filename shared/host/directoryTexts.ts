/** What the directory channel says itself (directoryChannels.ts), in the app's language. */
import { defineTexts } from '../i18n/texts.js';

export const DIRECTORY_HOST_TEXTS = defineTexts({
  fr: {
    statsUnreadable: 'Statistiques illisibles : le serveur a répondu dans un format inattendu.',
  },
  en: {
    statsUnreadable: 'Unreadable statistics: the server answered in an unexpected format.',
  },
});
