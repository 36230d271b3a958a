import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import { issueMessage } from './validation.js';
import type { Locale } from '../i18n/index.js';
import {
  MEASUREMENT_CATALOGUE,
  MEASUREMENT_LABELS,
  DEFAULT_GARMENT_TYPES,
  DEFAULT_GARMENT_NAMES,
  measurementFieldKeySchema,
  customMeasurementFieldSchema,
  measurementValuesSchema,
  makeMeasurementValuesSchema,
  fieldLabel,
  isCatalogueKey,
  convertLength,
  convertValues,
  prefillFromLast,
} from './measurements.js';

/** What parseInput would say of the first issue (schema messages are catalogue keys). */
const firstMessage = (r: { error?: { issues: z.core.$ZodIssue[] } }, locale: Locale = 'fr') => (r.error?.issues[0] ? issueMessage(r.error.issues[0], locale) : undefined);

describe('MEASUREMENT_CATALOGUE', () => {
  it('has 30–40 fields with unique, valid keys', () => {
    expect(MEASUREMENT_CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(MEASUREMENT_CATALOGUE.length).toBeLessThanOrEqual(40);
    const keys = MEASUREMENT_CATALOGUE.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(measurementFieldKeySchema.safeParse(key).success, key).toBe(true);
  });

  it('has a French and an English label for every field, labels unique per language, and lists each once', () => {
    for (const m of MEASUREMENT_CATALOGUE) {
      expect(MEASUREMENT_LABELS.fr[m.key].trim().length, m.key).toBeGreaterThan(0);
      expect(MEASUREMENT_LABELS.en[m.key].trim().length, m.key).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(MEASUREMENT_LABELS.fr)).size).toBe(MEASUREMENT_CATALOGUE.length);
    expect(new Set(Object.values(MEASUREMENT_LABELS.en)).size).toBe(MEASUREMENT_CATALOGUE.length);
    expect(MEASUREMENT_CATALOGUE.map((m) => m.key).sort()).toEqual(Object.keys(MEASUREMENT_LABELS.fr).sort());
  });

  it('covers every group with the standard fields', () => {
    const groups = new Set(MEASUREMENT_CATALOGUE.map((m) => m.group));
    expect([...groups].sort()).toEqual(['bas', 'femme', 'general', 'haut']);
    for (const key of ['tour_cou', 'tour_poitrine', 'longueur_manche_courte', 'longueur_manche_longue', 'longueur_agbada', 'entrejambe', 'tour_sous_poitrine', 'ecart_poitrine', 'longueur_pagne', 'taille']) {
      expect(isCatalogueKey(key), key).toBe(true);
    }
    expect(fieldLabel('ecart_poitrine')).toBe('Écart de poitrine');
  });
});

describe('DEFAULT_GARMENT_TYPES', () => {
  it('lists the usual Bénin garments with unique keys', () => {
    const names = DEFAULT_GARMENT_TYPES.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['Chemise (homme)', 'Pantalon', 'Boubou', 'Grand boubou / Agbada', 'Robe', 'Jupe', 'Kaba', 'Tailleur / costume', 'Dashiki / tunique']));
    expect(DEFAULT_GARMENT_TYPES.length).toBe(11);
    for (const g of DEFAULT_GARMENT_TYPES) expect(g.name, g.key).toBe(DEFAULT_GARMENT_NAMES.fr[g.key]);
    expect(new Set(DEFAULT_GARMENT_TYPES.map((g) => DEFAULT_GARMENT_NAMES.en[g.key])).size).toBe(DEFAULT_GARMENT_TYPES.length);
    expect(new Set(DEFAULT_GARMENT_TYPES.map((g) => g.key)).size).toBe(DEFAULT_GARMENT_TYPES.length);
  });

  it('references only catalogue keys, each once', () => {
    for (const g of DEFAULT_GARMENT_TYPES) {
      expect(g.measurementFields.length, g.key).toBeGreaterThan(0);
      expect(new Set(g.measurementFields).size, g.key).toBe(g.measurementFields.length);
      for (const key of g.measurementFields) expect(isCatalogueKey(key), `${g.key}: ${key}`).toBe(true);
    }
  });

  it('has whole FCFA prices and whole working-day durations', () => {
    for (const g of DEFAULT_GARMENT_TYPES) {
      expect(Number.isInteger(g.defaultPrice) && g.defaultPrice > 0, g.key).toBe(true);
      expect(Number.isInteger(g.durationDays) && g.durationDays > 0 && g.durationDays <= 30, g.key).toBe(true);
    }
    const price = (key: string) => DEFAULT_GARMENT_TYPES.find((g) => g.key === key)!.defaultPrice;
    expect(price('grand_boubou')).toBeGreaterThan(price('boubou'));
    expect(price('ensemble_chemise_pantalon')).toBeGreaterThan(price('chemise'));
  });
});

describe('custom field schemas', () => {
  it('accepts snake_case ascii keys of 2–40 characters', () => {
    expect(measurementFieldKeySchema.parse('tour_bras_2')).toBe('tour_bras_2');
    expect(measurementFieldKeySchema.safeParse('a'.repeat(40)).success).toBe(true);
  });

  it('rejects other keys with a French message', () => {
    expect(firstMessage(measurementFieldKeySchema.safeParse('a'))).toMatch(/au moins 2 caractères/);
    expect(firstMessage(measurementFieldKeySchema.safeParse('a'.repeat(41)))).toMatch(/40 caractères au plus/);
    expect(firstMessage(measurementFieldKeySchema.safeParse('Tour_Bras'))).toMatch(/lettres minuscules/);
    expect(firstMessage(measurementFieldKeySchema.safeParse('écart'))).toMatch(/sans accent/);
    expect(measurementFieldKeySchema.safeParse('tour bras').success).toBe(false);
    expect(measurementFieldKeySchema.safeParse('__proto__').success).toBe(false);
  });

  it('trims the label and bounds it to 60 characters', () => {
    expect(customMeasurementFieldSchema.parse({ key: 'tour_bras', label: '  Tour de bras  ' })).toEqual({ key: 'tour_bras', label: 'Tour de bras' });
    expect(firstMessage(customMeasurementFieldSchema.safeParse({ key: 'tour_bras', label: '   ' }))).toBe('Le libellé de la mesure est obligatoire');
    expect(firstMessage(customMeasurementFieldSchema.safeParse({ key: 'tour_bras', label: 'x'.repeat(61) }))).toMatch(/60 caractères/);
  });
});

describe('fieldLabel', () => {
  const custom = [{ key: 'tour_bras', label: 'Tour de bras' }];
  it('prefers the catalogue, then the custom label, then the key', () => {
    expect(fieldLabel('tour_poitrine')).toBe('Tour de poitrine');
    expect(fieldLabel('tour_poitrine', 'en')).toBe('Chest / bust');
    expect(fieldLabel('tour_bras', 'fr', custom)).toBe('Tour de bras');
    expect(fieldLabel('tour_bras', 'en', custom)).toBe('Tour de bras');
    expect(fieldLabel('inconnu', 'fr', custom)).toBe('inconnu');
    expect(fieldLabel('toString')).toBe('toString');
  });
});

describe('units', () => {
  it('converts and rounds to 0.25 in or 0.5 cm', () => {
    expect(convertLength(100, 'cm', 'in')).toBe(39.25); // 39.37
    expect(convertLength(40, 'in', 'cm')).toBe(101.5); // 101.6
    expect(convertLength(2.54, 'cm', 'in')).toBe(1);
    expect(convertLength(10, 'in', 'cm')).toBe(25.5); // 25.4
    for (const v of [convertLength(37.3, 'cm', 'in'), convertLength(12.1, 'in', 'cm')]) {
      expect(Number.isInteger(v * 4)).toBe(true);
    }
    expect(Number.isInteger(convertLength(12.1, 'in', 'cm') * 2)).toBe(true);
  });

  it('leaves a value alone when the unit does not change', () => {
    expect(convertLength(38.3, 'cm', 'cm')).toBe(38.3);
    expect(convertLength(15.1, 'in', 'in')).toBe(15.1);
  });

  it('round-trips within the rounding steps', () => {
    for (let cm = 5; cm <= 200; cm += 0.5) {
      const back = convertLength(convertLength(cm, 'cm', 'in'), 'in', 'cm');
      expect(Math.abs(back - cm), `${cm} cm`).toBeLessThanOrEqual(0.5);
    }
    for (let inch = 2; inch <= 80; inch += 0.25) {
      expect(convertLength(convertLength(inch, 'in', 'cm'), 'cm', 'in'), `${inch} in`).toBe(inch);
    }
  });

  it('converts a whole sheet', () => {
    expect(convertValues({ tour_poitrine: 100, tour_cou: 40 }, 'cm', 'in')).toEqual({ tour_poitrine: 39.25, tour_cou: 15.75 });
    expect(convertValues({}, 'in', 'cm')).toEqual({});
  });
});

describe('measurementValuesSchema', () => {
  it('accepts positive values up to 400 for catalogue and custom keys', () => {
    const values = { tour_poitrine: 98.5, longueur_boubou: 140, tour_bras: 31, taille: 400 };
    expect(measurementValuesSchema.parse(values)).toEqual(values);
    expect(measurementValuesSchema.parse({})).toEqual({});
  });

  it('names the field in French when a value is not a positive number', () => {
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY, '98', null]) {
      const result = measurementValuesSchema.safeParse({ tour_poitrine: bad });
      expect(result.success, String(bad)).toBe(false);
      expect(firstMessage(result)).toBe('Tour de poitrine : la valeur doit être un nombre positif');
      expect(result.error?.issues[0]?.path).toEqual(['tour_poitrine']);
    }
  });

  it('rejects values above 400', () => {
    expect(firstMessage(measurementValuesSchema.safeParse({ longueur_pagne: 401 }))).toBe('Longueur pagne : la valeur ne doit pas dépasser 400');
  });

  it('rejects invalid keys and non-objects', () => {
    expect(firstMessage(measurementValuesSchema.safeParse({ 'Tour Bras': 30 }))).toBe('« Tour Bras » : identifiant de mesure invalide');
    expect(measurementValuesSchema.safeParse([1, 2]).success).toBe(false);
    expect(measurementValuesSchema.safeParse(null).success).toBe(false);
  });

  it('uses custom labels when given, the key otherwise', () => {
    expect(firstMessage(measurementValuesSchema.safeParse({ tour_bras: -1 }))).toBe('tour_bras : la valeur doit être un nombre positif');
    const schema = makeMeasurementValuesSchema([{ key: 'tour_bras', label: 'Tour de bras' }]);
    expect(firstMessage(schema.safeParse({ tour_bras: -1 }))).toBe('Tour de bras : la valeur doit être un nombre positif');
  });

  it('speaks English too: the catalogue measurement by its English name, a custom one by its label', () => {
    expect(firstMessage(measurementValuesSchema.safeParse({ tour_poitrine: 0 }), 'en')).toBe('Chest / bust: the value must be a positive number');
    expect(firstMessage(measurementValuesSchema.safeParse({ longueur_pagne: 401 }), 'en')).toBe('Wrapper (pagne) length: the value must not exceed 400');
    expect(firstMessage(measurementValuesSchema.safeParse({ 'Tour Bras': 30 }), 'en')).toBe('“Tour Bras”: invalid measurement identifier');
    const schema = makeMeasurementValuesSchema([{ key: 'tour_bras', label: 'Tour de bras' }]);
    expect(firstMessage(schema.safeParse({ tour_bras: -1 }), 'en')).toBe('Tour de bras: the value must be a positive number');
    expect(firstMessage(measurementFieldKeySchema.safeParse('a'.repeat(41)), 'en')).toBe('A measurement identifier has 40 characters at most');
  });
});

describe('prefillFromLast', () => {
  const template = ['tour_cou', 'tour_poitrine', 'longueur_chemise'];

  it('gives nulls without a last sheet', () => {
    expect(prefillFromLast(template)).toEqual({ tour_cou: null, tour_poitrine: null, longueur_chemise: null });
  });

  it('keeps the last values, nulls for the unknown, and the extra keys of the last sheet', () => {
    const last = { tour_cou: 41, tour_poitrine: 102.5, longueur_pantalon: 104, tour_bras: 32 };
    const sheet = prefillFromLast(template, last);
    expect(sheet).toEqual({ tour_cou: 41, tour_poitrine: 102.5, longueur_chemise: null, longueur_pantalon: 104, tour_bras: 32 });
    expect(Object.keys(sheet)).toEqual(['tour_cou', 'tour_poitrine', 'longueur_chemise', 'longueur_pantalon', 'tour_bras']);
    expect(last).toEqual({ tour_cou: 41, tour_poitrine: 102.5, longueur_pantalon: 104, tour_bras: 32 });
  });

  it('works from a default garment template', () => {
    const robe = DEFAULT_GARMENT_TYPES.find((g) => g.key === 'robe')!;
    const sheet = prefillFromLast(robe.measurementFields, { tour_poitrine: 92 });
    expect(sheet.tour_poitrine).toBe(92);
    expect(Object.keys(sheet)).toEqual(robe.measurementFields);
  });
});
