/**
 * What the host says to people: its own errors (offline, not signed in, a refused call) in the
 * app's language, which the app gives with the `app.setLocale` channel (French until then).
 */
import { defineTexts } from '../i18n/texts.js';

export const HOST_TEXTS = defineTexts({
  fr: {
    offline: 'Pas de connexion Internet : cette action a besoin du serveur. Réessayez une fois connecté.',
    signInRequired: 'Connexion requise.',
    notSignedIn: 'Connectez-vous pour ouvrir votre atelier.',
    unreadable: 'Réponse du serveur illisible.',
    httpError: 'Erreur {status}',
    unknownChannel: 'Canal inconnu : {channel}',
    invalidRequest: 'Requête invalide : {message}',
    invalidEnvelope: 'Requête invalide : canal et données attendus.',
    foreignPage: 'Appel refusé : cette page n’est pas celle de l’application.',
    unexpected: 'Erreur inattendue. Réessayez ; si elle revient, redémarrez l’application.',
    photoTooLarge: 'Photo trop lourde (15 Mo au plus).',
    photoRefused: 'Envoi de photo refusé ({status})',
    historyOffline: 'Pas de connexion Internet : l’historique complet de cette commande sera chargé à la prochaine connexion.',
    historyUnreadable: 'Réponse du serveur illisible : l’historique de cette commande n’a pas pu être chargé.',
    browserPhone: 'Navigateur — téléphone',
    browserComputer: 'Navigateur — ordinateur',
  },
  en: {
    offline: 'No internet connection: this needs the server. Try again once connected.',
    signInRequired: 'Sign-in required.',
    notSignedIn: 'Sign in to open your workshop.',
    unreadable: 'Unreadable answer from the server.',
    httpError: 'Error {status}',
    unknownChannel: 'Unknown channel: {channel}',
    invalidRequest: 'Invalid request: {message}',
    invalidEnvelope: 'Invalid request: a channel and data are expected.',
    foreignPage: 'Call refused: this page is not the application’s.',
    unexpected: 'Unexpected error. Try again; if it comes back, restart the application.',
    photoTooLarge: 'Photo too heavy (15 MB at most).',
    photoRefused: 'Photo upload refused ({status})',
    historyOffline: 'No internet connection: the full history of this order will be loaded at the next connection.',
    historyUnreadable: 'Unreadable answer from the server: the history of this order could not be loaded.',
    browserPhone: 'Browser — phone',
    browserComputer: 'Browser — computer',
  },
});

export type HostTextKey = keyof (typeof HOST_TEXTS)['fr'];
