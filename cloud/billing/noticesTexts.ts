/**
 * What the owner is told about the subscription (platform messages from Styliste, not the
 * workshop's: they cost no credits). SMS texts are short; e-mails add a subject. French first.
 */
import { defineTexts } from '../../shared/i18n/texts.js';

export const noticeTexts = defineTexts({
  fr: {
    'trial_ending.sms': 'Styliste : l’essai de « {workshop} » se termine le {lastDay}. Choisissez une formule (Réglages › Abonnement) pour garder les messages et l’équipe.',
    'trial_ending.subject': 'Votre essai Styliste se termine le {lastDay}',
    'period_ending.sms': 'Styliste : la formule {plan} de « {workshop} » se termine le {lastDay}. Renouvelez-la dans Réglages › Abonnement.',
    'period_ending.subject': 'Votre formule Styliste se termine le {lastDay}',
    'past_due.sms': 'Styliste : l’abonnement de « {workshop} » est à régler. Sans paiement d’ici le {graceDay}, les messages et l’annuaire seront suspendus. Vos données restent à vous.',
    'past_due.subject': 'Votre abonnement Styliste est à régler',
    'suspended.sms': 'Styliste : les services payants de « {workshop} » sont suspendus (messages, annuaire). L’application et la synchronisation continuent ; payez dans Réglages › Abonnement pour les rétablir.',
    'suspended.subject': 'Services payants suspendus',
    'change_postponed.sms': 'Styliste : le passage de « {workshop} » à la formule {plan} n’a pas pu se faire. {reason} Vous restez sur {currentPlan}.',
    'change_postponed.subject': 'Votre changement de formule attend',
    'email.footer': 'Rien n’est supprimé : vos clients, commandes et photos restent à vous, et vous pouvez tout exporter à tout moment.',
  },
  en: {
    'trial_ending.sms': 'Styliste: the trial of “{workshop}” ends on {lastDay}. Choose a plan (Settings › Subscription) to keep messages and the team.',
    'trial_ending.subject': 'Your Styliste trial ends on {lastDay}',
    'period_ending.sms': 'Styliste: the {plan} plan of “{workshop}” ends on {lastDay}. Renew it in Settings › Subscription.',
    'period_ending.subject': 'Your Styliste plan ends on {lastDay}',
    'past_due.sms': 'Styliste: the subscription of “{workshop}” is due. Without payment by {graceDay}, messages and the directory will be suspended. Your data stays yours.',
    'past_due.subject': 'Your Styliste subscription is due',
    'suspended.sms': 'Styliste: the paid services of “{workshop}” are suspended (messages, directory). The app and sync go on; pay in Settings › Subscription to restore them.',
    'suspended.subject': 'Paid services suspended',
    'change_postponed.sms': 'Styliste: “{workshop}” could not move to the {plan} plan. {reason} You stay on {currentPlan}.',
    'change_postponed.subject': 'Your plan change is waiting',
    'email.footer': 'Nothing is deleted: your clients, orders and photos stay yours, and you can export everything at any time.',
  },
});

export type NoticeTextKey = keyof typeof noticeTexts.fr;
