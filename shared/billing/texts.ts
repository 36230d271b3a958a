/** What the billing rules say (the reasons a plan change is refused), French first. */
import { defineTexts } from '../i18n/texts.js';

export const BILLING_RULE_TEXTS = defineTexts({
  fr: {
    'over.members': '{used} employés pour {allowed} autorisé : retirez-en {excess}',
    'over.membersMany': '{used} employés pour {allowed} autorisés : retirez-en {excess}',
    'over.portfolioPhotos': '{used} photos du portfolio pour {allowed} autorisée : retirez-en {excess}',
    'over.portfolioPhotosMany': '{used} photos du portfolio pour {allowed} autorisées : retirez-en {excess}',
    'over.directory': 'l’atelier est publié dans l’annuaire, que cette formule ne comprend pas : retirez-le de l’annuaire',
    'over.join': 'Cette formule ne convient pas encore : {reasons}.',
  },
  en: {
    'over.members': '{used} team members for {allowed} allowed: remove {excess}',
    'over.membersMany': '{used} team members for {allowed} allowed: remove {excess}',
    'over.portfolioPhotos': '{used} portfolio photos for {allowed} allowed: remove {excess}',
    'over.portfolioPhotosMany': '{used} portfolio photos for {allowed} allowed: remove {excess}',
    'over.directory': 'the workshop is listed in the directory, which this plan does not include: unpublish it',
    'over.join': 'This plan does not fit yet: {reasons}.',
  },
});
