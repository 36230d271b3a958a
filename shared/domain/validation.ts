/**
 * Turns zod failures into ONE clear EngineError naming the field, in the user's language.
 *
 * A message written on a schema is a KEY of the engine's catalogue (shared/i18n/fr.ts, en.ts:
 * `'invalid.required'`, `.max(120, 'invalid.tooLong')`), never a sentence: zod fixes a message when
 * the schema is built, and one schema serves a French and an English request alike. So the text is
 * chosen here, per request: the issue's bounds fill `{min}` and `{max}`, a custom issue's `params`
 * fill the rest (a param may name a text of another catalogue, `textRef`, translated too). Where a
 * schema says nothing, zod's own French or English catalogue speaks.
 */
import { z, type ZodType } from 'zod';
import { EngineError } from './errors.js';
import { fieldLabel, messages, t, type Locale, type MessageKey } from '../i18n/index.js';
import { text, type Catalogue, type TextParams } from '../i18n/texts.js';

const localeErrors = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** A text of some catalogue, as the value of a schema message's placeholder (a measurement's name). */
export interface TextRef {
  readonly catalogue: Catalogue<string>;
  readonly key: string;
}

export function textRef<K extends string>(catalogue: Catalogue<K>, key: K): TextRef {
  return { catalogue, key };
}

function isTextRef(value: unknown): value is TextRef {
  return typeof value === 'object' && value !== null && 'catalogue' in value && 'key' in value;
}

export function isMessageKey(message: string): message is MessageKey {
  return Object.hasOwn(messages.fr, message);
}

/** What one zod issue says, in a language: a catalogue key becomes its text, anything else stays. */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  if (!isMessageKey(issue.message)) return issue.message;
  const params: TextParams = {};
  if (issue.code === 'too_big') params.max = Number(issue.maximum);
  if (issue.code === 'too_small') params.min = Number(issue.minimum);
  if (issue.code === 'custom' && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (isTextRef(value)) params[name] = text(value.catalogue, locale, value.key);
      else if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
  }
  return t(locale, issue.message, params);
}

export function parseInput<T extends ZodType>(schema: T, input: unknown, locale: Locale = 'fr'): z.output<T> {
  const result = schema.safeParse(input, { error: localeErrors[locale] });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = (issue.path.filter((p) => typeof p === 'string')[0] as string | undefined) ?? unknownKey;
  const said = issueMessage(issue, locale);
  const message = field ? t(locale, 'error.invalid', { field: fieldLabel(locale, field), message: said }) : said;
  return fail(message, field, issue.path);
}

function fail(message: string, field: string | undefined, path: readonly PropertyKey[]): never {
  throw new EngineError('invalid_input', message, field, { path: path.map(String) });
}
