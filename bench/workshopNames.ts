/**
 * The vocabulary of the generated workshop: Béninese first and last names and mobile numbers
 * (and how they are picked), client notes, order descriptions, garments by gender, payment
 * methods by frequency, plausible measurements.
 */
import type { PaymentMethod } from '../shared/domain/payments.js';
import type { Rng } from './workshopRng.js';

const FIRST_F = ['Aïcha', 'Akpéné', 'Sènan', 'Afiavi', 'Ayaba', 'Nafissatou', 'Chimène', 'Rosine', 'Mireille', 'Fifamè', 'Gisèle', 'Bernadette', 'Yétondé', 'Houéfa', 'Adjoa', 'Amivi', 'Estelle', 'Prudence', 'Bénédicte', 'Solange', 'Clarisse', 'Fatoumata', 'Mariam', 'Edwige', 'Reine', 'Pélagie', 'Hortense', 'Nadège', 'Élodie', 'Sika'];
const FIRST_M = ['Koffi', 'Kossi', 'Komlan', 'Sèna', 'Codjo', 'Dossa', 'Mahougnon', 'Rodrigue', 'Ulrich', 'Arnaud', 'Romaric', 'Gildas', 'Éric', 'Serge', 'Hervé', 'Brice', 'Fiacre', 'Modeste', 'Jean-Baptiste', 'Innocent', 'Wilfried', 'Abdou', 'Moussa', 'Ismaël', 'Boris', 'Landry', 'Fabrice', 'Ézéchiel', 'Théophile', 'Crépin'];
const LAST = ['Dossou', 'Houngbédji', 'Adjovi', 'Agossou', 'Hounkpatin', 'Zinsou', 'Ahouandjinou', 'Gbaguidi', 'Kpadonou', 'Sossou', 'Akplogan', 'Dégbé', 'Azonhiho', 'Tchibozo', 'Houénou', 'Quenum', 'Adékambi', 'Ogouyemi', 'Chabi', 'Bio', 'Soglo', 'Tossou', 'Ahissou', 'Agbo', 'Hounsou', 'Assogba', 'Akakpo', 'Fagla', 'Lokossou', 'Vodounon', 'Kiki', 'Sagbo', 'Gnonlonfoun', 'Amoussou', 'Yèkpè', 'Dansou', 'Toléba', 'Alapini', 'Badou', 'Codjia'];
/** Mobile ranges after "01" (MTN, Moov, Celtiis). */
const MOBILE_PREFIXES = ['96', '97', '66', '67', '61', '62', '51', '52', '53', '54', '90', '91', '94', '95', '98', '99', '60', '63', '64', '65', '68', '69', '40', '41', '42', '43'];

/** A first name (female or male) and a last name. */
export function pickName(rng: Rng, female: boolean): { first: string; last: string } {
  const first = rng.pick(female ? FIRST_F : FIRST_M);
  const last = rng.pick(LAST);
  return { first, last };
}

/** Mobile numbers (+229 01 …) drawn from `rng`, never the same twice. */
export function phoneNumbers(rng: Rng): () => string {
  const phones = new Set<string>();
  return (): string => {
    for (;;) {
      const p = `+22901${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
      if (!phones.has(p)) return phones.add(p), p;
    }
  };
}

export const CLIENT_NOTES = ['Préfère les coupes ajustées', 'Cliente fidèle, toujours à l’heure', 'Appeler avant 18 h', 'Vient avec son propre tissu', 'Paie par mobile money', 'Taille variable : reprendre les mesures'];
export const DESCRIPTIONS = ['Pagne wax bleu, col mao', 'Bazin riche, broderie dorée', 'Kente, manches 3/4', 'Pour le mariage de samedi', 'Uniforme de tontine', 'Tenue de baptême', 'Wax vert et jaune, coupe droite', 'Lin blanc, broderie au col', 'Pour la fête de fin d’année', 'Tissu Vlisco, modèle de la photo'];
export const WOMEN_GARMENTS = ['robe', 'jupe', 'kaba', 'ensemble_pagne', 'boubou'];
export const MEN_GARMENTS = ['chemise', 'pantalon', 'ensemble_chemise_pantalon', 'boubou', 'grand_boubou', 'tailleur', 'dashiki'];
export const METHODS: readonly (readonly [PaymentMethod, number])[] = [['cash', 60], ['mobile_money', 32], ['transfer', 5], ['card', 3]];
/** Plausible range in cm of each measurement; others fall back to 20–100. */
export const RANGES: Record<string, [number, number]> = {
  tour_cou: [34, 46], epaule: [38, 52], carrure_dos: [36, 48], carrure_devant: [34, 46], tour_poitrine: [80, 125],
  tour_taille: [62, 110], tour_ventre: [70, 120], longueur_manche_courte: [20, 30], longueur_manche_longue: [55, 68],
  tour_manche: [26, 42], tour_poignet: [15, 21], longueur_chemise: [68, 84], longueur_boubou: [110, 150],
  longueur_agbada: [130, 160], longueur_veste: [68, 82], longueur_tunique: [70, 100], tour_bassin: [88, 130],
  tour_cuisse: [50, 75], tour_genou: [36, 46], longueur_pantalon: [95, 112], entrejambe: [70, 86], tour_bas: [36, 50],
  montant: [24, 34], tour_sous_poitrine: [68, 100], hauteur_poitrine: [22, 32], ecart_poitrine: [16, 22],
  nuque_taille: [36, 46], epaule_taille: [38, 48], longueur_robe: [90, 140], longueur_jupe: [55, 105],
  longueur_camisole: [45, 70], longueur_pagne: [95, 115], tour_tete: [52, 62],
};
