/**
 * What the sync client says when a round trip fails (SyncFailure): the host shows it in the sync
 * bar and on the lock screen, in the app's language (SyncClientOptions.locale).
 */
import { defineTexts } from '../i18n/texts.js';

export const SYNC_CLIENT_TEXTS = defineTexts({
  fr: {
    noConnection: 'Pas de connexion au serveur ({reason}).',
    serverError: 'Erreur {status}',
    tooManyRoundTrips: 'Synchronisation interrompue : trop d’allers-retours.',
    changesNotApplied: 'Changements reçus impossibles à appliquer : {reason}',
    responseInterrupted: 'Réponse interrompue : la synchronisation reprendra.',
    responseUnreadable: 'Réponse du serveur illisible.',
  },
  en: {
    noConnection: 'No connection to the server ({reason}).',
    serverError: 'Error {status}',
    tooManyRoundTrips: 'Sync stopped: too many round trips.',
    changesNotApplied: 'The changes received could not be applied: {reason}',
    responseInterrupted: 'Response cut off: sync will resume.',
    responseUnreadable: 'The server’s response could not be read.',
  },
});

export type SyncClientTextKey = keyof typeof SYNC_CLIENT_TEXTS.fr;
