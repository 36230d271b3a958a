/**
 * The body of a provider's notification: `application/x-www-form-urlencoded`, read as the exact
 * fields sent (URLSearchParams: `+` and percent escapes decoded, nothing else — no brackets
 * turned into objects, no key dropped), because Twilio's signature is computed over exactly those
 * fields. A field sent twice is kept as a list, as Twilio's SDK expects. Refused cleanly (4xx):
 * another content type (415), a body over `limit` (413), more than MAX_FORM_FIELDS fields (413),
 * a NUL or lone surrogate in a key or value, or a `__proto__` key (400, http/safeJson.ts's words).
 */
import express, { type RequestHandler } from 'express';
import { text } from '../../../shared/i18n/texts.js';
import { unstorableProblem } from '../../../shared/domain/safeText.js';
import { HttpError, requestLocale } from '../../http/errors.js';
import { fieldPath, SAFE_JSON_TEXTS } from '../../http/safeJson.js';
import { webhookError } from './texts.js';

export type FormFields = Record<string, string | string[]>;

/** Twilio's incoming messages carry about 25 fields, 20 more with ten media; reports fewer than 10. */
export const MAX_FORM_FIELDS = 200;

const FORM = 'application/x-www-form-urlencoded';

/** The fields of a form body, or the refusal to answer. */
export function parseForm(body: string, locale: 'fr' | 'en'): FormFields | HttpError {
  const fields: FormFields = Object.create(null) as FormFields;
  let count = 0;
  for (const [key, value] of new URLSearchParams(body)) {
    count += 1;
    if (count > MAX_FORM_FIELDS) return webhookError('too_many_fields', locale);
    if (key === '__proto__') return new HttpError(400, 'invalid_json', text(SAFE_JSON_TEXTS, locale, 'forbiddenKey', { key }));
    for (const [where, s] of [[key, key], [key, value]] as const) {
      const problem = unstorableProblem(s);
      if (problem) {
        const field = fieldPath([where]);
        return new HttpError(400, 'invalid_text', text(SAFE_JSON_TEXTS, locale, problem === 'nul' ? 'nul' : 'surrogate', { field }), { field });
      }
    }
    const before = fields[key];
    fields[key] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return fields;
}

/** The route middleware: `req.body` becomes the form's fields, or the request is refused. */
export function formBody(limit: string): RequestHandler {
  const readText = express.text({ type: FORM, limit, defaultCharset: 'utf-8' });
  return (req, res, next) => {
    const locale = requestLocale(req);
    if (!req.is(FORM)) return next(webhookError('unsupported_media_type', locale));
    readText(req, res, (error?: unknown) => {
      if (error) return next(error);
      const parsed = parseForm(typeof req.body === 'string' ? req.body : '', locale);
      if (parsed instanceof HttpError) return next(parsed);
      req.body = parsed;
      next();
    });
  };
}
