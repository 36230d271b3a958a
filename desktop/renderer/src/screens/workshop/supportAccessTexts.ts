/** The texts of Settings › Assistance Styliste (SupportAccessSection.tsx). */
import { defineTexts } from '../../../../../shared/i18n/texts.js';

export const SUPPORT_ACCESS_TEXTS = defineTexts({
  fr: {
    title: 'Assistance Styliste',
    hint: 'Pour vous aider, l’équipe Styliste peut consulter vos clients, leurs mesures, vos commandes et vos messages, en lecture seule, seulement si vous l’autorisez. Chaque page consultée est inscrite dans un journal. L’autorisation se termine seule après 24 heures, ou dès que vous la retirez.',
    allow: 'Autoriser l’assistance Styliste pendant 24 h',
    allowed: 'L’assistance Styliste peut consulter votre atelier, en lecture seule, jusqu’au {end}.',
    withdraw: 'Retirer l’autorisation',
    withdrawQuestion: 'Retirer l’autorisation maintenant ? L’équipe Styliste ne pourra plus consulter votre atelier.',
    yesWithdraw: 'Oui, retirer',
    no: 'Non',
    withdrawn: 'Autorisation retirée : l’équipe Styliste ne peut plus consulter votre atelier.',
    loading: 'Lecture de l’autorisation…',
    offline: 'L’autorisation d’assistance demande une connexion à Internet. Reconnectez-vous puis réessayez.',
    retry: 'Réessayer',
    ownerOnly: 'Seul le propriétaire de l’atelier peut autoriser l’assistance Styliste.',
  },
  en: {
    title: 'Styliste support',
    hint: 'To help you, the Styliste team can see your clients, their measurements, your orders and your messages, read-only, only if you allow it. Every page seen is written to a log. The permission ends by itself after 24 hours, or as soon as you withdraw it.',
    allow: 'Allow Styliste support for 24 h',
    allowed: 'Styliste support can see your workshop, read-only, until {end}.',
    withdraw: 'Withdraw the permission',
    withdrawQuestion: 'Withdraw the permission now? The Styliste team will no longer see your workshop.',
    yesWithdraw: 'Yes, withdraw',
    no: 'No',
    withdrawn: 'Permission withdrawn: the Styliste team can no longer see your workshop.',
    loading: 'Reading the permission…',
    offline: 'Support access needs an internet connection. Connect and try again.',
    retry: 'Try again',
    ownerOnly: 'Only the workshop’s owner can allow Styliste support.',
  },
});
