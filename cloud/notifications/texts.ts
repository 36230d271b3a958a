/**
 * What the dispatcher says: why the hub did not send a message (stored as its `failureReason`,
 * read by the tailor in the client's history), and the e-mail's subject and signature. Written
 * for a tailor in Cotonou: what happened, then what to do.
 */
import { defineTexts } from '../../shared/i18n/texts.js';

export const dispatchTexts = defineTexts({
  fr: {
    'refused.noCredits': 'Crédits SMS épuisés : ce message demande {needed} crédit(s), il en reste {balance}. Rechargez vos crédits puis renvoyez-le.',
    'refused.clientMissing': 'Ce client n’existe pas (ou plus) dans votre atelier : message non envoyé.',
    'refused.notClientAddress': 'Ce numéro ou cette adresse n’est pas celui du client : message non envoyé. Vérifiez la fiche du client.',
    'refused.optedOut': 'Ce client ne veut pas recevoir de messages automatiques : message non envoyé.',
    'refused.suspended': 'Votre atelier est suspendu : aucun message ne part tant que l’abonnement n’est pas réglé.',
    'refused.noProvider': 'Les envois par {channel} ne sont pas encore ouverts sur ce serveur : message non envoyé.',
    'refused.noTemplate': 'Le client n’a pas écrit sur WhatsApp depuis plus de 24 heures, et aucun modèle approuvé n’existe pour ce message : envoyez-le par SMS.',
    'refused.outbox': 'Aucun fournisseur configuré : le message est resté dans la boîte d’envoi de développement, rien n’est parti.',
    'failed.interrupted': 'Envoi interrompu : réessayez. Vos crédits sont rendus.',
    'failed.gaveUp': 'Envoi abandonné après {attempts} essais : {why}. Vos crédits sont rendus.',
    'why.timeout': 'le fournisseur ne répond pas à temps',
    'why.provider_unavailable': 'le fournisseur est en panne',
    'why.network': 'le serveur n’arrive pas à joindre le fournisseur',
    'why.provider_credentials': 'le fournisseur refuse les identifiants du serveur',
    'why.provider_balance': 'le compte chez le fournisseur n’a plus de crédit',
    'why.rate_limited': 'le fournisseur demande de ralentir',
    'why.other': 'le fournisseur n’a pas accepté le message',
    'channel.sms': 'SMS',
    'channel.whatsapp': 'WhatsApp',
    'channel.email': 'e-mail',
    'email.subject': '{kind} — {workshop}',
    'email.subjectCustom': 'Message de {workshop}',
    'email.signature': '{workshop}',
  },
  en: {
    'refused.noCredits': 'SMS credits used up: this message needs {needed} credit(s), {balance} left. Top up your credits, then send it again.',
    'refused.clientMissing': 'This client does not exist (any more) in your workshop: message not sent.',
    'refused.notClientAddress': 'This number or address is not the client’s: message not sent. Check the client’s card.',
    'refused.optedOut': 'This client does not want automatic messages: message not sent.',
    'refused.suspended': 'Your workshop is suspended: no message leaves until the subscription is paid.',
    'refused.noProvider': 'Sending by {channel} is not open on this server yet: message not sent.',
    'refused.noTemplate': 'The client has not written on WhatsApp for more than 24 hours, and no approved template exists for this message: send it by SMS.',
    'refused.outbox': 'No provider configured: the message stayed in the development outbox, nothing left.',
    'failed.interrupted': 'Sending interrupted: try again. Your credits are given back.',
    'failed.gaveUp': 'Sending given up after {attempts} attempts: {why}. Your credits are given back.',
    'why.timeout': 'the provider does not answer in time',
    'why.provider_unavailable': 'the provider is down',
    'why.network': 'the server cannot reach the provider',
    'why.provider_credentials': 'the provider refuses the server’s credentials',
    'why.provider_balance': 'the account at the provider has no credit left',
    'why.rate_limited': 'the provider asks to slow down',
    'why.other': 'the provider did not accept the message',
    'channel.sms': 'SMS',
    'channel.whatsapp': 'WhatsApp',
    'channel.email': 'e-mail',
    'email.subject': '{kind} — {workshop}',
    'email.subjectCustom': 'Message from {workshop}',
    'email.signature': '{workshop}',
  },
});

export type DispatchTextKey = keyof typeof dispatchTexts.fr;
