/** Messages of the accounts area, in French (default) and English, and a helper to throw them. */
import type { Request } from 'express';
import { HttpError, requestLocale } from '../http/errors.js';

export interface Text {
  fr: string;
  en: string;
}

export const TEXT = {
  phoneTaken: {
    fr: 'Ce numéro de téléphone a déjà un compte : connectez-vous, ou utilisez un autre numéro.',
    en: 'This phone number already has an account: sign in, or use another number.',
  },
  emailTaken: {
    fr: 'Cette adresse e-mail a déjà un compte : connectez-vous, ou utilisez une autre adresse.',
    en: 'This email address already has an account: sign in, or use another address.',
  },
  invalidCredentials: {
    fr: 'Identifiant ou mot de passe incorrect.',
    en: 'Wrong identifier or password.',
  },
  accountLocked: {
    fr: 'Compte bloqué après {attempts} essais manqués. Réessayez dans {wait}.',
    en: 'Account locked after {attempts} failed attempts. Try again in {wait}.',
  },
  tooManyRequests: {
    fr: 'Trop de tentatives depuis cette connexion. Réessayez dans {wait}.',
    en: 'Too many attempts from this connection. Try again in {wait}.',
  },
  noMembership: {
    fr: 'Ce compte n’a accès à aucun atelier (ou plus à celui demandé).',
    en: 'This account has no access to any workshop (or no longer to the one requested).',
  },
  invalidRefresh: {
    fr: 'Session invalide : reconnectez-vous.',
    en: 'Invalid session: sign in again.',
  },
  refreshExpired: {
    fr: 'Session expirée : reconnectez-vous.',
    en: 'Session expired: sign in again.',
  },
  refreshReused: {
    fr: 'Cette session a déjà été utilisée ailleurs ; par sécurité, elle est fermée sur tous les appareils. Reconnectez-vous.',
    en: 'This session was already used elsewhere; for safety it is closed on every device. Sign in again.',
  },
  invalidCode: {
    fr: 'Code d’invitation incorrect ou expiré. Vérifiez le code et le numéro de téléphone.',
    en: 'Wrong or expired invitation code. Check the code and the phone number.',
  },
  alreadyMember: {
    fr: 'Cette personne est déjà membre de l’atelier.',
    en: 'This person is already a member of the workshop.',
  },
  memberNotFound: {
    fr: 'Membre introuvable.',
    en: 'Member not found.',
  },
  lastOwner: {
    fr: 'L’atelier doit garder au moins un propriétaire.',
    en: 'The workshop must keep at least one owner.',
  },
  removeSelf: {
    fr: 'Vous ne pouvez pas vous retirer vous-même de l’atelier.',
    en: 'You cannot remove yourself from the workshop.',
  },
  deviceRevoked: {
    fr: 'Cet appareil a été retiré de l’atelier.',
    en: 'This device was removed from the workshop.',
  },
  deviceNotFound: {
    fr: 'Appareil introuvable dans cet atelier.',
    en: 'Device not found in this workshop.',
  },
  deviceConflict: {
    fr: 'Cet appareil est enregistré dans un autre atelier.',
    en: 'This device is registered to another workshop.',
  },
} satisfies Record<string, Text>;

export function say(text: Text, req: Request, params: Record<string, string | number> = {}): string {
  return text[requestLocale(req)].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function fail(
  req: Request,
  status: number,
  code: string,
  text: Text,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
): HttpError {
  return new HttpError(status, code, say(text, req, params), extra);
}

/** The constraint a unique violation (23505) hit, whatever the driver and its wrapping; else undefined. */
export function uniqueViolation(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint;
      return typeof name === 'string' ? name : '';
    }
    current = e.cause;
  }
  return undefined;
}
