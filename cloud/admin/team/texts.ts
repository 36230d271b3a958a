/** What the admins' management says: every error code with its status, and the invitation e-mail, French first. */
import { defineTexts } from '../../../shared/i18n/texts.js';
import { areaErrors } from '../../http/errors.js';

export const teamTexts = defineTexts({
  fr: {
    admin_exists: 'Cette adresse est déjà celle d’un administrateur (ou d’une invitation en attente).',
    admin_not_found: 'Administrateur introuvable.',
    cannot_remove_self: 'Vous ne pouvez pas vous retirer vous-même : demandez-le à un autre superadmin.',
    last_superadmin: 'C’est le dernier superadmin : nommez-en un autre avant de le retirer.',
    invitation_not_found: 'Cette invitation n’existe pas ou a déjà été utilisée.',
    invitation_expired: 'Cette invitation a expiré : demandez-en une nouvelle à un superadmin.',
  },
  en: {
    admin_exists: 'This address is already an admin’s (or a pending invitation’s).',
    admin_not_found: 'Admin not found.',
    cannot_remove_self: 'You cannot remove yourself: ask another superadmin.',
    last_superadmin: 'This is the last superadmin: appoint another one before removing them.',
    invitation_not_found: 'This invitation does not exist or has already been used.',
    invitation_expired: 'This invitation has expired: ask a superadmin for a new one.',
  },
});

export type TeamErrorCode = keyof typeof teamTexts.fr;

const STATUS: Record<TeamErrorCode, number> = {
  admin_exists: 409,
  admin_not_found: 404,
  cannot_remove_self: 409,
  last_superadmin: 409,
  invitation_not_found: 404,
  invitation_expired: 410,
};

export const teamError = areaErrors(teamTexts, STATUS);

/** The invitation e-mail ({name}, {inviter}, {role}, {url}, {expires} in UTC). */
export const invitationMailTexts = defineTexts({
  fr: {
    subject: 'Invitation au portail d’administration de Styliste',
    body:
      'Bonjour {name},\n\n{inviter} vous invite à rejoindre le portail d’administration de Styliste ({role}).\n\n' +
      'Choisissez votre mot de passe en ouvrant ce lien :\n{url}\n\n' +
      'Le lien est valable jusqu’au {expires} (UTC). À votre première connexion, vous activerez la double authentification ' +
      'avec une application comme Google Authenticator ou Aegis.\n\n' +
      'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
    superadmin: 'superadmin',
    support: 'assistance',
  },
  en: {
    subject: 'Invitation to the Styliste admin portal',
    body:
      'Hello {name},\n\n{inviter} invites you to the Styliste admin portal ({role}).\n\n' +
      'Choose your password by opening this link:\n{url}\n\n' +
      'The link is valid until {expires} (UTC). At your first sign-in you will set up two-factor authentication ' +
      'with an app such as Google Authenticator or Aegis.\n\n' +
      'If you did not expect this invitation, ignore this message.',
    superadmin: 'superadmin',
    support: 'support',
  },
});
