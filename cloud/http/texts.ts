/** What the HTTP layer itself says: malformed requests, unknown addresses, and the guards' refusals. */
import { defineTexts } from '../../shared/i18n/texts.js';

export const httpTexts = defineTexts({
  fr: {
    invalid_json: 'Le corps de la requête n’est pas du JSON valide.',
    payload_too_large: 'Requête trop volumineuse.',
    unsupported_encoding: 'Encodage de requête non pris en charge.',
    not_found: 'Adresse inconnue.',
    method_not_allowed: 'Méthode {method} non acceptée à cette adresse (acceptées : {allow}).',
    internal: 'Erreur interne du serveur. Réessayez plus tard.',
    signInRequired: 'Connexion requise.',
    sessionExpired: 'Session expirée : reconnectez-vous.',
    invalidToken: 'Jeton de connexion invalide.',
    accessRevoked: 'Votre accès à cet atelier a été retiré. Les données de l’atelier vont être effacées de cet appareil.',
    ownerOnly: 'Seul le propriétaire de l’atelier peut faire cela.',
  },
  en: {
    invalid_json: 'The request body is not valid JSON.',
    payload_too_large: 'Request too large.',
    unsupported_encoding: 'Unsupported request encoding.',
    not_found: 'Unknown address.',
    method_not_allowed: 'Method {method} is not accepted at this address (accepted: {allow}).',
    internal: 'Internal server error. Please try again later.',
    signInRequired: 'Sign-in required.',
    sessionExpired: 'Session expired: sign in again.',
    invalidToken: 'Invalid access token.',
    accessRevoked: 'Your access to this workshop was revoked. The workshop data will be erased from this device.',
    ownerOnly: 'Only the workshop owner can do this.',
  },
});
export type HttpTextKey = keyof typeof httpTexts.fr;
