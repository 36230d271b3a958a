/**
 * What the directory's audience routes say, French first: the WhatsApp message a visitor starts
 * with, the "Signaler ce profil" form and its answers (thanks, a refused form, too many reports,
 * an unknown profile), and the reasons' names.
 */
import { defineTexts } from '../../../shared/i18n/texts.js';
import type { ReportReason } from '../../../shared/directory/audienceRules.js';

export const audienceTexts = defineTexts({
  fr: {
    whatsappMessage: 'Bonjour, je vous ai trouvé sur Styliste. J’aimerais avoir des renseignements sur l’atelier {workshop}.',
    'report.title': 'Signaler ce profil · {workshop}',
    'report.heading': 'Signaler ce profil',
    'report.intro': 'Dites-nous ce qui ne va pas sur la page de {workshop}. L’équipe de Styliste vérifie chaque signalement ; l’atelier ne voit pas qui l’a envoyé.',
    'report.photo': 'Vous signalez une photo de ce profil.',
    'report.reason': 'Motif',
    'report.choose': 'Choisissez un motif',
    'report.details': 'Précisions (facultatif)',
    'report.detailsHelp': '{max} caractères au plus.',
    'report.send': 'Envoyer le signalement',
    'report.back': 'Revenir au profil',
    'thanks.title': 'Merci pour votre signalement',
    'thanks.body': 'Votre signalement est enregistré. L’équipe de Styliste le vérifiera et retirera ce qui ne respecte pas les règles de l’annuaire.',
    'refused.title': 'Signalement refusé',
    'refused.reason': 'Choisissez un des motifs proposés.',
    'refused.details': 'Les précisions doivent être un texte de {max} caractères au plus, sans caractères invisibles ou invalides.',
    'refused.photo': 'La photo signalée n’existe pas ou n’est plus visible sur ce profil.',
    'refused.form': 'Le formulaire envoyé est invalide : rechargez la page et réessayez.',
    'tooLarge.body': 'Le formulaire envoyé est trop long : raccourcissez les précisions et réessayez.',
    'tooMany.title': 'Trop de signalements',
    'tooMany.body': 'Trop de signalements ont été envoyés depuis cette connexion. Réessayez dans {wait}.',
    'notFound.title': 'Profil introuvable',
    'notFound.body': 'Ce profil n’existe pas ou n’est plus visible dans l’annuaire.',
    'noWhatsapp.body': 'Cet atelier n’a pas de numéro WhatsApp dans l’annuaire.',
    'unavailable.title': 'Service momentanément indisponible',
    'unavailable.body': 'Le signalement ne peut pas être enregistré pour le moment. Réessayez dans quelques minutes.',
    'directory.link': 'Voir l’annuaire des ateliers',
  },
  en: {
    whatsappMessage: 'Hello, I found you on Styliste. I would like some information about the workshop {workshop}.',
    'report.title': 'Report this profile · {workshop}',
    'report.heading': 'Report this profile',
    'report.intro': 'Tell us what is wrong on the page of {workshop}. The Styliste team checks every report; the workshop does not see who sent it.',
    'report.photo': 'You are reporting a photo of this profile.',
    'report.reason': 'Reason',
    'report.choose': 'Choose a reason',
    'report.details': 'Details (optional)',
    'report.detailsHelp': '{max} characters at most.',
    'report.send': 'Send the report',
    'report.back': 'Back to the profile',
    'thanks.title': 'Thank you for your report',
    'thanks.body': 'Your report is recorded. The Styliste team will check it and remove what breaks the directory’s rules.',
    'refused.title': 'Report refused',
    'refused.reason': 'Choose one of the reasons offered.',
    'refused.details': 'The details must be a text of at most {max} characters, without invisible or invalid characters.',
    'refused.photo': 'The reported photo does not exist or is no longer shown on this profile.',
    'refused.form': 'The form sent is invalid: reload the page and try again.',
    'tooLarge.body': 'The form sent is too long: shorten the details and try again.',
    'tooMany.title': 'Too many reports',
    'tooMany.body': 'Too many reports were sent from this connection. Try again in {wait}.',
    'notFound.title': 'Profile not found',
    'notFound.body': 'This profile does not exist or is no longer shown in the directory.',
    'noWhatsapp.body': 'This workshop has no WhatsApp number in the directory.',
    'unavailable.title': 'Service unavailable for a moment',
    'unavailable.body': 'The report cannot be recorded right now. Try again in a few minutes.',
    'directory.link': 'See the directory of workshops',
  },
});

export type AudienceTextKey = keyof typeof audienceTexts.fr;

export const REPORT_REASON_LABELS = defineTexts<ReportReason>({
  fr: { false_information: 'Fausses informations', inappropriate_photos: 'Photos inappropriées', scam: 'Arnaque', other: 'Autre' },
  en: { false_information: 'False information', inappropriate_photos: 'Inappropriate photos', scam: 'Scam', other: 'Other' },
});
