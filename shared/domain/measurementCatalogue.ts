/**
 * The measurement catalogue (standard West-African tailoring measurements, French and English),
 * the default garment types, units and pre-filling. No zod here: the app's screens import it.
 */

export type MeasurementGroup = 'haut' | 'bas' | 'femme' | 'general';

export interface MeasurementField {
  /** Stable snake_case ASCII id, stored in measurement sheets: never rename one. */
  key: string;
  fr: string;
  en: string;
  group: MeasurementGroup;
}

function f(key: string, fr: string, en: string, group: MeasurementGroup): MeasurementField {
  return { key, fr, en, group };
}

export const MEASUREMENT_CATALOGUE: readonly MeasurementField[] = Object.freeze([
  // haut
  f('tour_cou', 'Tour de cou', 'Neck', 'haut'),
  f('epaule', "Largeur d'épaule", 'Shoulder width', 'haut'),
  f('carrure_dos', 'Carrure dos', 'Back width', 'haut'),
  f('carrure_devant', 'Carrure devant', 'Front width', 'haut'),
  f('tour_poitrine', 'Tour de poitrine', 'Chest / bust', 'haut'),
  f('tour_taille', 'Tour de taille', 'Waist', 'haut'),
  f('tour_ventre', 'Tour de ventre', 'Belly', 'haut'),
  f('longueur_manche_courte', 'Longueur manche courte', 'Short sleeve length', 'haut'),
  f('longueur_manche_longue', 'Longueur manche longue', 'Long sleeve length', 'haut'),
  f('tour_manche', 'Tour de manche (biceps)', 'Sleeve width (biceps)', 'haut'),
  f('tour_poignet', 'Tour de poignet', 'Wrist', 'haut'),
  f('longueur_chemise', 'Longueur chemise', 'Shirt length', 'haut'),
  f('longueur_boubou', 'Longueur boubou', 'Boubou length', 'haut'),
  f('longueur_agbada', 'Longueur agbada', 'Agbada length', 'haut'),
  f('longueur_veste', 'Longueur veste', 'Jacket length', 'haut'),
  f('longueur_tunique', 'Longueur tunique (dashiki)', 'Tunic (dashiki) length', 'haut'),
  // bas
  f('tour_bassin', 'Tour de bassin (hanches)', 'Hips', 'bas'),
  f('tour_cuisse', 'Tour de cuisse', 'Thigh', 'bas'),
  f('tour_genou', 'Tour de genou', 'Knee', 'bas'),
  f('tour_mollet', 'Tour de mollet', 'Calf', 'bas'),
  f('longueur_pantalon', 'Longueur pantalon', 'Trouser length', 'bas'),
  f('entrejambe', 'Entrejambe', 'Inseam', 'bas'),
  f('tour_bas', 'Bas (ouverture du bas)', 'Leg opening (hem)', 'bas'),
  f('longueur_culotte', 'Longueur culotte (short)', 'Shorts length', 'bas'),
  f('montant', 'Montant (hauteur de fourche)', 'Rise (crotch depth)', 'bas'),
  // femme
  f('tour_sous_poitrine', 'Tour sous-poitrine', 'Underbust', 'femme'),
  f('hauteur_poitrine', 'Hauteur de poitrine', 'Bust height', 'femme'),
  f('ecart_poitrine', 'Écart de poitrine', 'Bust point distance', 'femme'),
  f('nuque_taille', 'Longueur nuque-taille (dos)', 'Back waist length (nape to waist)', 'femme'),
  f('epaule_taille', 'Longueur épaule-taille (devant)', 'Front waist length (shoulder to waist)', 'femme'),
  f('longueur_robe', 'Longueur robe', 'Dress length', 'femme'),
  f('longueur_jupe', 'Longueur jupe', 'Skirt length', 'femme'),
  f('longueur_pagne', 'Longueur pagne', 'Wrapper (pagne) length', 'femme'),
  f('longueur_camisole', 'Longueur camisole (haut kaba)', 'Blouse (kaba top) length', 'femme'),
  f('longueur_corsage', 'Longueur corsage', 'Bodice length', 'femme'),
  // general
  f('taille', 'Taille (stature)', 'Height', 'general'),
  f('tour_tete', 'Tour de tête', 'Head', 'general'),
]);

const CATALOGUE_BY_KEY: ReadonlyMap<string, MeasurementField> = new Map(MEASUREMENT_CATALOGUE.map((m) => [m.key, m]));

export function isCatalogueKey(key: string): boolean {
  return CATALOGUE_BY_KEY.has(key);
}

export interface GarmentDefault {
  key: string;
  name: string;
  /** Working days between the order and the promised date. */
  durationDays: number;
  /** Labour price in FCFA (whole number), fabric brought by the client. */
  defaultPrice: number;
  measurementFields: string[];
}

const CHEMISE = ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_courte', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_chemise'];
const PANTALON = ['tour_taille', 'tour_bassin', 'tour_cuisse', 'tour_genou', 'tour_bas', 'longueur_pantalon', 'entrejambe', 'montant'];
const BOUBOU_HAUT = ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_boubou'];
const CORSAGE_FEMME = ['epaule', 'tour_poitrine', 'tour_sous_poitrine', 'tour_taille', 'tour_bassin', 'hauteur_poitrine', 'ecart_poitrine', 'longueur_manche_courte', 'tour_manche'];

export const DEFAULT_GARMENT_TYPES: readonly GarmentDefault[] = Object.freeze([
  { key: 'chemise', name: 'Chemise (homme)', durationDays: 5, defaultPrice: 6000, measurementFields: [...CHEMISE] },
  { key: 'pantalon', name: 'Pantalon', durationDays: 5, defaultPrice: 5000, measurementFields: [...PANTALON] },
  { key: 'ensemble_chemise_pantalon', name: 'Ensemble chemise-pantalon', durationDays: 7, defaultPrice: 12000, measurementFields: [...CHEMISE, ...PANTALON] },
  { key: 'boubou', name: 'Boubou', durationDays: 7, defaultPrice: 15000, measurementFields: [...BOUBOU_HAUT, ...PANTALON] },
  { key: 'grand_boubou', name: 'Grand boubou / Agbada', durationDays: 14, defaultPrice: 35000, measurementFields: [...BOUBOU_HAUT, 'longueur_agbada', ...PANTALON, 'tour_tete'] },
  { key: 'robe', name: 'Robe', durationDays: 7, defaultPrice: 10000, measurementFields: [...CORSAGE_FEMME, 'nuque_taille', 'epaule_taille', 'longueur_robe'] },
  { key: 'jupe', name: 'Jupe', durationDays: 4, defaultPrice: 5000, measurementFields: ['tour_taille', 'tour_bassin', 'longueur_jupe'] },
  { key: 'kaba', name: 'Kaba', durationDays: 7, defaultPrice: 10000, measurementFields: [...CORSAGE_FEMME, 'epaule_taille', 'longueur_camisole'] },
  { key: 'ensemble_pagne', name: 'Ensemble pagne (camisole + pagne)', durationDays: 7, defaultPrice: 12000, measurementFields: [...CORSAGE_FEMME, 'longueur_camisole', 'longueur_pagne'] },
  {
    key: 'tailleur',
    name: 'Tailleur / costume',
    durationDays: 14,
    defaultPrice: 45000,
    measurementFields: ['tour_cou', 'epaule', 'carrure_dos', 'carrure_devant', 'tour_poitrine', 'tour_taille', 'tour_ventre', 'longueur_manche_longue', 'tour_manche', 'tour_poignet', 'longueur_veste', 'tour_bassin', 'tour_cuisse', 'tour_bas', 'longueur_pantalon', 'entrejambe', 'montant'],
  },
  { key: 'dashiki', name: 'Dashiki / tunique', durationDays: 5, defaultPrice: 7000, measurementFields: ['tour_cou', 'epaule', 'tour_poitrine', 'tour_ventre', 'longueur_manche_courte', 'tour_manche', 'longueur_tunique'] },
]);

/** Catalogue label in the locale, else the workshop's custom label, else the key itself. */
export function fieldLabel(key: string, locale: 'fr' | 'en' = 'fr', custom?: readonly { key: string; label: string }[]): string {
  const known = CATALOGUE_BY_KEY.get(key);
  if (known) return known[locale];
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
