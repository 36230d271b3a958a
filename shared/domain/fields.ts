/**
 * Field schemas shared by commands and by the sync row schemas. Their messages are keys of the
 * engine's catalogue (`invalid.*`, shared/i18n/fr.ts), put into words in the request's language by
 * `parseInput` (domain/validation.ts). Every free
 * text goes through `safeString` (domain/safeText.ts: NUL, lone surrogates and non-characters
 * refused, stray controls removed), so the engine and the hub refuse and clean text the same way.
 */
import { z } from 'zod';
import { isUuid } from './ids.js';
import { findJsonProblem, hasControl, MAX_JSON_DEPTH, refusedProblem, stripControls, type TextKind } from './safeText.js';
import type { MessageKey } from '../i18n/index.js';

/** The catalogue key of a schema message. */
export type InvalidKey = Extract<MessageKey, `invalid.${string}`>;

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
      if (problem) ctx.addIssue({ code: 'custom', message: `invalid.text.${problem}` satisfies InvalidKey, continue: false });
    })
    .overwrite((s) => stripControls(s, kind));
}

/** A row's id (UUID); `format: uuid` tells OpenAPI what the refinement checks. */
export const idSchema = z.string({ error: () => 'invalid.idMissing' }).refine(isUuid, 'invalid.id').meta({ format: 'uuid' });

/** A real calendar day: '2026-02-30' is refused, not rolled over to March. */
function isRealDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

export const isoDateSchema = z
  .string({ error: () => 'invalid.dateMissing' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDay(s), 'invalid.date');

export const isoDateTimeSchema = z
  .string({ error: () => 'invalid.dateTimeMissing' })
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && isRealDay(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)),
    'invalid.dateTime',
  )
  .transform((s) => new Date(s).toISOString());

/** An amount of FCFA: a whole number, no decimals. */
export const moneySchema = z
  .number({ error: (issue) => (issue.input === undefined ? 'invalid.amountMissing' : 'invalid.amountNotNumber') })
  .int('invalid.amountWhole')
  .min(0, 'invalid.amountNegative')
  .max(100_000_000, 'invalid.amountTooHigh');

export const positiveMoneySchema = moneySchema.refine((n) => n > 0, 'invalid.amountNotPositive');

/**
 * Required one-line text (a name, a label), trimmed. `missing` is the key of what to say when it
 * is empty (a sentence would be shown as it is, in every language).
 */
export function requiredText(max: number, missing: InvalidKey | (string & {}) = 'invalid.required') {
  return safeString('line', { error: () => missing })
    .trim()
    .min(1, missing)
    .max(max, 'invalid.tooLong');
}

/** Optional one-line text (a city): '', null and undefined all mean "none" and are stored as null. */
export function optionalText(max: number) {
  return safeString('line', { error: () => 'invalid.textExpected' })
    .trim()
    .max(max, 'invalid.tooLong')
    .nullish()
    .transform((s) => (s ? s : null));
}

/** Optional text on several lines (notes, descriptions): like optionalText, line breaks kept. */
export function notesText(max: number) {
  return safeString('lines', { error: () => 'invalid.textExpected' })
    .trim()
    .max(max, 'invalid.tooLong')
    .nullish()
    .transform((s) => (s ? s : null));
}

/** A search box's text: one line, at most `max` characters, '' by default. */
export function searchText(max: number) {
  return safeString('line').max(max, 'invalid.searchTooLong').default('');
}

/**
 * A free-form JSON object kept as it is (order_events.data): every key and string storable (no
 * NUL, no lone surrogate: Postgres's jsonb refuses both), nested at most MAX_JSON_DEPTH levels,
 * no `__proto__` key. Checked on the raw input, before zod copies the object.
 */
export const jsonRecordSchema = z.preprocess((value, ctx) => {
  const problem = findJsonProblem(value, MAX_JSON_DEPTH, refusedProblem);
  if (problem) {
    const params = problem.kind === 'tooDeep' ? { max: problem.max } : problem.kind === 'forbiddenKey' ? { key: problem.key } : {};
    ctx.addIssue({ code: 'custom', message: `invalid.text.${problem.kind}` satisfies InvalidKey, params, path: problem.path });
  }
  return value;
}, z.record(z.string(), z.unknown(), { error: () => 'invalid.objectExpected' }));

export const emailSchema = z
  .string({ error: () => 'invalid.emailMissing' })
  .trim()
  .toLowerCase()
  .max(254, 'invalid.emailTooLong')
  .nullish()
  .transform((s) => (s ? s : null))
  // No control character, no NUL, no lone surrogate: an address is refused, never "cleaned".
  .refine((s) => s === null || (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && !hasControl(s) && refusedProblem(s) === null), 'invalid.email');

export const timezoneSchema = z.string({ error: () => 'invalid.timezoneMissing' }).refine((tz) => {
  try {
    new Intl.DateTimeFormat('fr', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'invalid.timezone');

export const deletedAtSchema = isoDateTimeSchema.nullable();

/** A reference to an uploaded photo: its SHA-256 content hash (files are stored by hash). */
export const photoRefSchema = z
  .string({ error: () => 'invalid.photoRef' })
  .regex(/^[0-9a-f]{64}$/, 'invalid.photoRefHash')
  .nullish()
  .transform((s) => s ?? null);
