/**
 * Field schemas shared by commands and by the sync row schemas (French messages). Every free
 * text goes through `safeString` (domain/safeText.ts: NUL, lone surrogates and non-characters
 * refused, stray controls removed), so the engine and the hub refuse and clean text the same way.
 */
import { z } from 'zod';
import { isUuid } from './ids.js';
import { findJsonProblem, hasControl, MAX_JSON_DEPTH, refusedProblem, SAFE_TEXT_TEXTS, stripControls, type TextKind } from './safeText.js';
import { fill } from '../i18n/texts.js';

const TEXTS = SAFE_TEXT_TEXTS.fr;

/**
 * A string checked and cleaned by the rules of domain/safeText.ts for its kind: `line` (names,
 * cities, labels: line breaks and tabs become spaces) or `lines` (notes: they are kept). Chain
 * `.trim()`, `.min()`, `.max()` after it as on any zod string.
 */
export function safeString(kind: TextKind, params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .superRefine((s, ctx) => {
      const problem = refusedProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: TEXTS[problem], continue: false });
    })
    .overwrite((s) => stripControls(s, kind));
}

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

/** Required one-line text (a name, a label), trimmed. */
export function requiredText(max: number, missing = 'Ce champ est obligatoire') {
  return safeString('line', { error: () => missing })
    .trim()
    .min(1, missing)
    .max(max, `${max} caractères au plus`);
}

/** Optional one-line text (a city): '', null and undefined all mean "none" and are stored as null. */
export function optionalText(max: number) {
  return safeString('line', { error: () => 'Texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((s) => (s ? s : null));
}

/** Optional text on several lines (notes, descriptions): like optionalText, line breaks kept. */
export function notesText(max: number) {
  return safeString('lines', { error: () => 'Texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((s) => (s ? s : null));
}

/** A search box's text: one line, at most `max` characters, '' by default. */
export function searchText(max: number) {
  return safeString('line').max(max, 'Recherche trop longue').default('');
}

/**
 * A free-form JSON object kept as it is (order_events.data): every key and string storable (no
 * NUL, no lone surrogate: Postgres's jsonb refuses both), nested at most MAX_JSON_DEPTH levels,
 * no `__proto__` key. Checked on the raw input, before zod copies the object.
 */
export const jsonRecordSchema = z.preprocess((value, ctx) => {
  const problem = findJsonProblem(value, MAX_JSON_DEPTH, refusedProblem);
  if (problem) {
    const message =
      problem.kind === 'tooDeep' ? fill(TEXTS.tooDeep, { max: problem.max }) : problem.kind === 'forbiddenKey' ? fill(TEXTS.forbiddenKey, { key: problem.key }) : TEXTS[problem.kind];
    ctx.addIssue({ code: 'custom', message, path: problem.path });
  }
  return value;
}, z.record(z.string(), z.unknown(), { error: () => 'Objet attendu' }));

export const emailSchema = z
  .string({ error: () => 'Adresse e-mail attendue' })
  .trim()
  .toLowerCase()
  .max(254, 'Adresse e-mail trop longue')
  .nullish()
  .transform((s) => (s ? s : null))
  // No control character, no NUL, no lone surrogate: an address is refused, never "cleaned".
  .refine((s) => s === null || (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && !hasControl(s) && refusedProblem(s) === null), 'Adresse e-mail invalide');

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
