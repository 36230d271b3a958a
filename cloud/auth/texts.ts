/**
 * What the accounts area says to people, in the one text style (shared/i18n/texts.ts), and every
 * error it answers: `AUTH_ERRORS` names each refusal once, with its HTTP status and the code the
 * app reads (the refusal's own name unless said otherwise), and `fail` builds it.
 */
import { HttpError } from '../http/errors.js';
import type { Locale } from '../../shared/i18n/index.js';
import { defineTexts, text, type TextParams } from '../../shared/i18n/texts.js';

export const authTexts = defineTexts({
  fr: {
    // ── refusals (AUTH_ERRORS) ──
    phone_taken: 'Ce numéro de téléphone a déjà un compte : connectez-vous, ou utilisez un autre numéro.',
    email_taken: 'Cette adresse e-mail a déjà un compte : connectez-vous, ou utilisez une autre adresse.',
    invalid_credentials: 'Identifiant ou mot de passe incorrect.',
    account_locked: 'Compte bloqué après {attempts} essais manqués. Réessayez dans {wait}.',
    too_many_requests: 'Trop de tentatives depuis cette connexion. Réessayez dans {wait}.',
    no_membership: 'Ce compte n’a accès à aucun atelier (ou plus à celui demandé).',
    invalid_refresh: 'Session invalide : reconnectez-vous.',
    refresh_expired: 'Session expirée : reconnectez-vous.',
    refresh_reused: 'Cette session a déjà été utilisée ailleurs ; par sécurité, elle est fermée sur tous les appareils. Reconnectez-vous.',
    invalid_code: 'Code d’invitation incorrect ou expiré. Vérifiez le code et le numéro de téléphone.',
    already_member: 'Cette personne est déjà membre de l’atelier.',
    member_not_found: 'Membre introuvable.',
    last_owner: 'L’atelier doit garder au moins un propriétaire.',
    cannot_remove_self: 'Vous ne pouvez pas vous retirer vous-même de l’atelier.',
    device_revoked: 'Cet appareil a été retiré de l’atelier.',
    device_not_found: 'Appareil introuvable dans cet atelier.',
    device_conflict: 'Cet appareil est enregistré dans un autre atelier.',
  },
  en: {
    phone_taken: 'This phone number already has an account: sign in, or use another number.',
    email_taken: 'This email address already has an account: sign in, or use another address.',
    invalid_credentials: 'Wrong identifier or password.',
    account_locked: 'Account locked after {attempts} failed attempts. Try again in {wait}.',
    too_many_requests: 'Too many attempts from this connection. Try again in {wait}.',
    no_membership: 'This account has no access to any workshop (or no longer to the one requested).',
    invalid_refresh: 'Invalid session: sign in again.',
    refresh_expired: 'Session expired: sign in again.',
    refresh_reused: 'This session was already used elsewhere; for safety it is closed on every device. Sign in again.',
    invalid_code: 'Wrong or expired invitation code. Check the code and the phone number.',
    already_member: 'This person is already a member of the workshop.',
    member_not_found: 'Member not found.',
    last_owner: 'The workshop must keep at least one owner.',
    cannot_remove_self: 'You cannot remove yourself from the workshop.',
    device_revoked: 'This device was removed from the workshop.',
    device_not_found: 'Device not found in this workshop.',
    device_conflict: 'This device is registered to another workshop.',
  },
});
export type AuthTextKey = keyof typeof authTexts.fr;

/** Every refusal of the area: its status, and the code the app reads when it is not the refusal's name. */
export const AUTH_ERRORS = {
  phone_taken: { status: 409 },
  email_taken: { status: 409 },
  invalid_credentials: { status: 401 },
  account_locked: { status: 429 },
  too_many_requests: { status: 429 },
  no_membership: { status: 403 },
  invalid_refresh: { status: 401 },
  refresh_expired: { status: 401 },
  refresh_reused: { status: 401 },
  invalid_code: { status: 400 },
  already_member: { status: 409 },
  member_not_found: { status: 404, code: 'not_found' },
  last_owner: { status: 409 },
  cannot_remove_self: { status: 409 },
  // As for a removed member: the app locks and wipes the workshop's data on this device.
  device_revoked: { status: 403, code: 'access_revoked' },
  device_not_found: { status: 404, code: 'not_found' },
  device_conflict: { status: 409 },
} satisfies Partial<Record<AuthTextKey, { status: number; code?: string }>>;
export type AuthError = keyof typeof AUTH_ERRORS;

/** The HttpError of a refusal, in the request's language; `extra` joins the `error` object of the answer. */
export function fail(locale: Locale, reason: AuthError, params?: TextParams, extra: Record<string, unknown> = {}): HttpError {
  const { status, code = reason } = AUTH_ERRORS[reason] as { status: number; code?: string };
  return new HttpError(status, code, text(authTexts, locale, reason, params), extra);
}

/** The same refusal, with the Retry-After header of how long to wait (429s). */
export function failLater(locale: Locale, reason: AuthError, retryAfterMs: number, params?: TextParams, extra: Record<string, unknown> = {}): HttpError {
  const error = fail(locale, reason, params, extra);
  return new HttpError(error.status, error.code, error.message, error.extra, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
}
