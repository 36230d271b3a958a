/**
 * Turns zod failures into ONE clear EngineError naming the field, in the user's language.
 * Messages written on a schema win; everything else uses zod's own French or English catalogue.
 */
import { z, type ZodType } from 'zod';
import { EngineError } from './errors.js';
import { fieldLabel, t, type Locale } from '../i18n/index.js';

const localeErrors = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

export function parseInput<T extends ZodType>(schema: T, input: unknown, locale: Locale = 'fr'): z.output<T> {
  const result = schema.safeParse(input, { error: localeErrors[locale] });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = (issue.path.filter((p) => typeof p === 'string')[0] as string | undefined) ?? unknownKey;
  const message = field
    ? t(locale, 'error.invalid', { field: fieldLabel(locale, field), message: issue.message })
    : issue.message;
  return fail(message, field, issue.path);
}

function fail(message: string, field: string | undefined, path: readonly PropertyKey[]): never {
  throw new EngineError('invalid_input', message, field, { path: path.map(String) });
}
