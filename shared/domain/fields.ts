/** Field schemas shared by commands and by the sync row schemas (French messages). */
import { z } from 'zod';
import { isUuid } from './ids.js';

export const idSchema = z.string({ error: () => 'Identifiant manquant' }).refine(isUuid, 'Identifiant invalide');

/** A real calendar day: '2026-02-30' is refused, not rolled over to March. */
function isRealDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

export const isoDateSchema = z
  .string({ error: () => 'Date manquante (AAAA-MM-JJ)' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDay(s), 'Date invalide (AAAA-MM-JJ)');

export const isoDateTimeSchema = z
  .string({ error: () => 'Date et heure manquantes' })
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && isRealDay(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)),
    'Date et heure invalides',
  )
  .transform((s) => new Date(s).toISOString());

/** An amount of FCFA: a whole number, no decimals. */
export const moneySchema = z
  .number({ error: (issue) => (issue.input === undefined ? 'Montant manquant (nombre entier de FCFA)' : 'Le montant doit être un nombre entier de FCFA') })
  .int('Le montant doit être un nombre entier de FCFA (sans centimes)')
  .min(0, 'Le montant ne peut pas être négatif')
  .max(100_000_000, 'Montant trop élevé (100 000 000 FCFA au plus)');

export const positiveMoneySchema = moneySchema.refine((n) => n > 0, 'Le montant doit être supérieur à 0');

export function requiredText(max: number, missing = 'Ce champ est obligatoire') {
  return z
    .string({ error: () => missing })
    .trim()
    .min(1, missing)
    .max(max, `${max} caractères au plus`);
}

/** Optional text: '', null and undefined all mean "none" and are stored as null. */
export function optionalText(max: number) {
  return z
    .string({ error: () => 'Texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((s) => (s ? s : null));
}

export const emailSchema = z
  .string({ error: () => 'Adresse e-mail attendue' })
  .trim()
  .toLowerCase()
  .max(254, 'Adresse e-mail trop longue')
  .nullish()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Adresse e-mail invalide');

export const timezoneSchema = z.string({ error: () => 'Fuseau horaire manquant' }).refine((tz) => {
  try {
    new Intl.DateTimeFormat('fr', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Fuseau horaire inconnu');

export const deletedAtSchema = isoDateTimeSchema.nullable();

/** A reference to an uploaded photo: its SHA-256 content hash (files are stored by hash). */
export const photoRefSchema = z
  .string({ error: () => 'Référence de photo invalide' })
  .regex(/^[0-9a-f]{64}$/, 'Référence de photo invalide (empreinte SHA-256 attendue)')
  .nullish()
  .transform((s) => s ?? null);
