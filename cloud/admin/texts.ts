/** What the admin portal's sign-in and guard say: every error code with its status, French first. */
import { defineTexts } from '../../shared/i18n/texts.js';
import { areaErrors } from '../http/errors.js';

export const adminTexts = defineTexts({
  fr: {
    admin_sign_in_required: 'Connectez-vous au portail d’administration.',
    admin_session_expired: 'Votre session d’administration a expiré : reconnectez-vous.',
    csrf_refused: 'Requête refusée : le jeton anti-falsification manque ou ne correspond pas. Rechargez la page.',
    superadmin_only: 'Seul un superadmin peut faire cela.',
    admin_credentials: 'Adresse e-mail ou mot de passe incorrect.',
    admin_locked: 'Trop d’essais incorrects : la connexion est bloquée jusqu’à {until} (UTC).',
    admin_code_refused: 'Code incorrect, expiré ou déjà utilisé : attendez le code suivant de votre application.',
    admin_challenge_expired: 'Connexion expirée : recommencez avec votre mot de passe.',
  },
  en: {
    admin_sign_in_required: 'Sign in to the admin portal.',
    admin_session_expired: 'Your admin session has expired: sign in again.',
    csrf_refused: 'Request refused: the anti-forgery token is missing or does not match. Reload the page.',
    superadmin_only: 'Only a superadmin can do this.',
    admin_credentials: 'Wrong email address or password.',
    admin_locked: 'Too many wrong attempts: sign-in is locked until {until} (UTC).',
    admin_code_refused: 'Wrong, expired or already used code: wait for your app’s next code.',
    admin_challenge_expired: 'Sign-in expired: start again with your password.',
  },
});

export type AdminErrorCode = keyof typeof adminTexts.fr;

const STATUS: Record<AdminErrorCode, number> = {
  admin_sign_in_required: 401,
  admin_session_expired: 401,
  csrf_refused: 403,
  superadmin_only: 403,
  admin_credentials: 401,
  admin_locked: 429,
  admin_code_refused: 401,
  admin_challenge_expired: 401,
};

export const adminError = areaErrors(adminTexts, STATUS);
