/**
 * The directory's codes (DESIGN "Public directory") and their names as people read them. No zod:
 * the app's screens and the public pages import this file.
 */
import { defineTexts } from '../i18n/texts.js';

export const SPECIALTIES = ['homme', 'femme', 'enfant', 'mariage', 'traditionnel', 'retouches', 'uniformes'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export const PRICE_RANGES = ['budget', 'standard', 'premium'] as const;
export type PriceRange = (typeof PRICE_RANGES)[number];

export function isSpecialty(value: unknown): value is Specialty {
  return typeof value === 'string' && (SPECIALTIES as readonly string[]).includes(value);
}

export function isPriceRange(value: unknown): value is PriceRange {
  return typeof value === 'string' && (PRICE_RANGES as readonly string[]).includes(value);
}

export const SPECIALTY_LABELS = defineTexts<Specialty>({
  fr: {
    homme: 'Homme',
    femme: 'Femme',
    enfant: 'Enfant',
    mariage: 'Mariage',
    traditionnel: 'Tenues traditionnelles',
    retouches: 'Retouches',
    uniformes: 'Uniformes',
  },
  en: {
    homme: 'Men',
    femme: 'Women',
    enfant: 'Children',
    mariage: 'Weddings',
    traditionnel: 'Traditional wear',
    retouches: 'Alterations',
    uniformes: 'Uniforms',
  },
});

export const PRICE_RANGE_LABELS = defineTexts<PriceRange>({
  fr: { budget: 'Petits prix', standard: 'Prix moyens', premium: 'Haut de gamme' },
  en: { budget: 'Low prices', standard: 'Mid-range', premium: 'High end' },
});

/** The default search radius (km) and the widest one a search may ask. */
export const DEFAULT_RADIUS_KM = 10;
export const MAX_RADIUS_KM = 500;
/** Results per page of a search. */
export const SEARCH_PAGE_SIZE = 20;
