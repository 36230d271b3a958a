/**
 * The measurement catalogue (standard West-African tailoring measurements, French and English),
 * the default garment types, units and pre-filling. No zod here: the app's screens import it.
 */
import { defineTexts, type Locale } from '../i18n/texts.js';

export type MeasurementGroup = 'haut' | 'bas' | 'femme' | 'general';

/** Each measurement's name, in French (the tailors' words) and English. */
export const MEASUREMENT_LABELS = defineTexts({
  fr: {
    tour_cou: 'Tour de cou',
    epaule: "Largeur d'épaule",
    carrure_dos: 'Carrure dos',
    carrure_devant: 'Carrure devant',
    tour_poitrine: 'Tour de poitrine',
    tour_taille: 'Tour de taille',
    tour_ventre: 'Tour de ventre',
    longueur_manche_courte: 'Longueur manche courte',
    longueur_manche_longue: 'Longueur manche longue',
    tour_manche: 'Tour de manche (biceps)',
    tour_poignet: 'Tour de poignet',
    longueur_chemise: 'Longueur chemise',
    longueur_boubou: 'Longueur boubou',
    longueur_agbada: 'Longueur agbada',
    longueur_veste: 'Longueur veste',
    longueur_tunique: 'Longueur tunique (dashiki)',
    tour_bassin: 'Tour de bassin (hanches)',
    tour_cuisse: 'Tour de cuisse',
    tour_genou: 'Tour de genou',
    tour_mollet: 'Tour de mollet',
    longueur_pantalon: 'Longueur pantalon',
    entrejambe: 'Entrejambe',
    tour_bas: 'Bas (ouverture du bas)',
    longueur_culotte: 'Longueur culotte (short)',
    montant: 'Montant (hauteur de fourche)',
    tour_sous_poitrine: 'Tour sous-poitrine',
    hauteur_poitrine: 'Hauteur de poitrine',
    ecart_poitrine: 'Écart de poitrine',
    nuque_taille: 'Longueur nuque-taille (dos)',
    epaule_taille: 'Longueur épaule-taille (devant)',
    longueur_robe: 'Longueur robe',
    longueur_jupe: 'Longueur jupe',
    longueur_pagne: 'Longueur pagne',
    longueur_camisole: 'Longueur camisole (haut kaba)',
    longueur_corsage: 'Longueur corsage',
    taille: 'Taille (stature)',
    tour_tete: 'Tour de tête',
  },
  en: {
    tour_cou: 'Neck',
    epaule: 'Shoulder width',
    carrure_dos: 'Back width',
    carrure_devant: 'Front width',
    tour_poitrine: 'Chest / bust',
    tour_taille: 'Waist',
    tour_ventre: 'Belly',
    longueur_manche_courte: 'Short sleeve length',
    longueur_manche_longue: 'Long sleeve length',
    tour_manche: 'Sleeve width (biceps)',
    tour_poignet: 'Wrist',
    longueur_chemise: 'Shirt length',
    longueur_boubou: 'Boubou length',
    longueur_agbada: 'Agbada length',
    longueur_veste: 'Jacket length',
    longueur_tunique: 'Tunic (dashiki) length',
    tour_bassin: 'Hips',
    tour_cuisse: 'Thigh',
    tour_genou: 'Knee',
    tour_mollet: 'Calf',
    longueur_pantalon: 'Trouser length',
    entrejambe: 'Inseam',
    tour_bas: 'Leg opening (hem)',
    longueur_culotte: 'Shorts length',
    montant: 'Rise (crotch depth)',
    tour_sous_poitrine: 'Underbust',
    hauteur_poitrine: 'Bust height',
    ecart_poitrine: 'Bust point distance',
    nuque_taille: 'Back waist length (nape to waist)',
    epaule_taille: 'Front waist length (shoulder to waist)',
    longueur_robe: 'Dress length',
    longueur_jupe: 'Skirt length',
    longueur_pagne: 'Wrapper (pagne) length',
    longueur_camisole: 'Blouse (kaba top) length',
    longueur_corsage: 'Bodice length',
    taille: 'Height',
    tour_tete: 'Head',
  },
});

export type MeasurementKey = keyof (typeof MEASUREMENT_LABELS)['fr'];

export interface MeasurementField {
  /** Stable snake_case ASCII id, stored in measurement sheets: never rename one. */
  key: MeasurementKey;
  group: MeasurementGroup;
}

function m(key: MeasurementKey, group: MeasurementGroup): MeasurementField {
  return { key, group };
}

/** The catalogue in the order the screens list it, by group. */
export const MEASUREMENT_CATALOGUE: readonly MeasurementField[] = Object.freeze([
  // haut
  m('tour_cou', 'haut'),
  m('epaule', 'haut'),
  m('carrure_dos', 'haut'),
  m('carrure_devant', 'haut'),
  m('tour_poitrine', 'haut'),
  m('tour_taille', 'haut'),
  m('tour_ventre', 'haut'),
  m('longueur_manche_courte', 'haut'),
  m('longueur_manche_longue', 'haut'),
  m('tour_manche', 'haut'),
  m('tour_poignet', 'haut'),
  m('longueur_chemise', 'haut'),
  m('longueur_boubou', 'haut'),
  m('longueur_agbada', 'haut'),
  m('longueur_veste', 'haut'),
  m('longueur_tunique', 'haut'),
  // bas
  m('tour_bassin', 'bas'),
  m('tour_cuisse', 'bas'),
  m('tour_genou', 'bas'),
  m('tour_mollet', 'bas'),
  m('longueur_pantalon', 'bas'),
  m('entrejambe', 'bas'),
  m('tour_bas', 'bas'),
  m('longueur_culotte', 'bas'),
  m('montant', 'bas'),
  // femme
  m('tour_sous_poitrine', 'femme'),
  m('hauteur_poitrine', 'femme'),
  m('ecart_poitrine', 'femme'),
  m('nuque_taille', 'femme'),
  m('epaule_taille', 'femme'),
  m('longueur_robe', 'femme'),
  m('longueur_jupe', 'femme'),
  m('longueur_pagne', 'femme'),
  m('longueur_camisole', 'femme'),
  m('longueur_corsage', 'femme'),
  // general
  m('taille', 'general'),
  m('tour_tete', 'general'),
]);

export function isCatalogueKey(key: string): key is MeasurementKey {
  return Object.hasOwn(MEASUREMENT_LABELS.fr, key);
}

/** The default garment types' names, in the language of the workshop being set up. */
export const DEFAULT_GARMENT_NAMES = defineTexts({
  fr: {
    chemise: 'Chemise (homme)',
    pantalon: 'Pantalon',
    ensemble_chemise_pantalon: 'Ensemble chemise-pantalon',
    boubou: 'Boubou',
    grand_boubou: 'Grand boubou / Agbada',
    robe: 'Robe',
    jupe: 'Jupe',
    kaba: 'Kaba',
    ensemble_pagne: 'Ensemble pagne (camisole + pagne)',
    tailleur: 'Tailleur / costume',
    dashiki: 'Dashiki / tunique',
  },
  en: {
    chemise: 'Shirt (men)',
    pantalon: 'Trousers',
    ensemble_chemise_pantalon: 'Shirt and trousers',
    boubou: 'Boubou',
    grand_boubou: 'Grand boubou / Agbada',
    robe: 'Dress',
    jupe: 'Skirt',
    kaba: 'Kaba',
    ensemble_pagne: 'Wrapper set (blouse + pagne)',
    tailleur: 'Suit',
    dashiki: 'Dashiki / tunic',
  },
});

export type DefaultGarmentKey = keyof (typeof DEFAULT_GARMENT_NAMES)['fr'];

export interface GarmentDefault {
  key: DefaultGarmentKey;
  /** The French name (DEFAULT_GARMENT_NAMES has it in each language: seed with the workshop's). */
  name: string;
  /** Working days between the order and the promised date. */
  durationDays: number;
  /** Labour price in FCFA (whole number), fabric brought by the client. */
  defaultPrice: number;
  measurementFields: string[];
}

function garment(key: DefaultGarmentKey, durationDays: number, defaultPrice: number, measurementFields: string[]): GarmentDefault {
  return { key, name: DEFAULT_GARMENT_NAMES.fr[key], durationDays, defaultPrice, measurementFields };
}

const CHEMISE = ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_courte', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_chemise'];
const PANTALON = ['tour_taille', 'tour_bassin', 'tour_cuisse', 'tour_genou', 'tour_bas', 'longueur_pantalon', 'entrejambe', 'montant'];
const BOUBOU_HAUT = ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_boubou'];
const CORSAGE_FEMME = ['epaule', 'tour_poitrine', 'tour_sous_poitrine', 'tour_taille', 'tour_bassin', 'hauteur_poitrine', 'ecart_poitrine', 'longueur_manche_courte', 'tour_manche'];

export const DEFAULT_GARMENT_TYPES: readonly GarmentDefault[] = Object.freeze([
  garment('chemise', 5, 6000, [...CHEMISE]),
  garment('pantalon', 5, 5000, [...PANTALON]),
  garment('ensemble_chemise_pantalon', 7, 12000, [...CHEMISE, ...PANTALON]),
  garment('boubou', 7, 15000, [...BOUBOU_HAUT, ...PANTALON]),
  garment('grand_boubou', 14, 35000, [...BOUBOU_HAUT, 'longueur_agbada', ...PANTALON, 'tour_tete']),
  garment('robe', 7, 10000, [...CORSAGE_FEMME, 'nuque_taille', 'epaule_taille', 'longueur_robe']),
  garment('jupe', 4, 5000, ['tour_taille', 'tour_bassin', 'longueur_jupe']),
  garment('kaba', 7, 10000, [...CORSAGE_FEMME, 'epaule_taille', 'longueur_camisole']),
  garment('ensemble_pagne', 7, 12000, [...CORSAGE_FEMME, 'longueur_camisole', 'longueur_pagne']),
  garment(
    'tailleur',
    14,
    45000,
    ['tour_cou', 'epaule', 'carrure_dos', 'carrure_devant', 'tour_poitrine', 'tour_taille', 'tour_ventre', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_veste', 'tour_bassin', 'tour_cuisse', 'tour_bas', 'longueur_pantalon', 'entrejambe', 'montant'],
  ),
  garment('dashiki', 5, 7000, ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_courte', 'tour_manche', 'longueur_tunique']),
]);

/** Catalogue label in the locale, else the workshop's custom label, else the key itself. */
export function fieldLabel(key: string, locale: Locale = 'fr', custom?: readonly { key: string; label: string }[]): string {
  if (isCatalogueKey(key)) return MEASUREMENT_LABELS[locale][key];
  return custom?.find((c) => c.key === key)?.label ?? key;
}

// ---------------------------------------------------------------- units

export type LengthUnit = 'cm' | 'in';

const CM_PER_INCH = 2.54;

/**
 * Converts a length, rounded in the target unit to the nearest 0.5 cm or 0.25 in (what a tape
 * measure shows). The same unit on both sides returns the value untouched.
 */
export function convertLength(value: number, from: LengthUnit, to: LengthUnit): number {
  if (from === to) return value;
  if (to === 'in') return Math.round((value / CM_PER_INCH) * 4) / 4;
  return Math.round(value * CM_PER_INCH * 2) / 2;
}

export function convertValues(values: Record<string, number>, from: LengthUnit, to: LengthUnit): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) out[key] = convertLength(value, from, to);
  return out;
}

// ---------------------------------------------------------------- values

/**
 * A new sheet's values: the template's fields pre-filled with the last sheet's values (null where
 * unknown), followed by the last sheet's extra fields so that nothing measured before is lost.
 */
export function prefillFromLast(template: readonly string[], last?: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const key of template) {
    const value = last?.[key];
    out[key] = typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  if (last) {
    for (const [key, value] of Object.entries(last)) {
      if (!Object.hasOwn(out, key) && typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    }
  }
  return out;
}
