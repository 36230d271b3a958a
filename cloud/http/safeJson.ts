/**
 * The HTTP side of shared/domain/safeText.ts: mounted right after the JSON parser, it refuses a
 * request whose body, query string or path holds a string Postgres cannot store (U+0000) or that
 * is not Unicode (a lone surrogate), with 400 `invalid_text` naming the field. Text schemas
 * already refuse them (fields.ts), but identifiers, passwords and tokens are not text schemas:
 * this way none of them can reach a query with a NUL (that used to be a 500).
 *
 * It also bounds the nesting of a body (JSON.parse copes with 100,000 levels, but anything
 * recursive after it — a schema, JSON.stringify into jsonb — may not) and refuses `__proto__`
 * keys (JSON.parse makes them plain keys; an object spread or assignment would not).
 *
 * Two halves: `refuseUnsafeUrl` ahead of every route, `refuseUnsafeBody` after express.json.
 * POST /api/sync parses its own body and is mounted before the body half on purpose: a bad string
 * inside one mutation must refuse that mutation only, which the shared row schemas do.
 */
import type { RequestHandler } from 'express';
import { findJsonProblem, unstorableProblem, type JsonProblem } from '../../shared/domain/safeText.js';
import { defineTexts, text } from '../../shared/i18n/texts.js';
import { HttpError, requestLocale } from './errors.js';

/** Nesting a request body may have (objects and arrays); the API's bodies need fewer than 8. */
export const MAX_BODY_DEPTH = 32;

export const SAFE_JSON_TEXTS = defineTexts({
  fr: {
    nul: 'Le champ « {field} » contient un caractère nul (U+0000), refusé.',
    surrogate: 'Le champ « {field} » est mal encodé (caractère Unicode incomplet), refusé.',
    tooDeep: 'Le corps de la requête est trop imbriqué ({max} niveaux au plus).',
    forbiddenKey: 'Clé interdite dans le corps de la requête : « {key} ».',
    badPath: 'L’adresse demandée contient un caractère invalide.',
    badQuery: 'Le paramètre « {field} » de l’adresse contient un caractère invalide.',
  },
  en: {
    nul: 'The field “{field}” contains a NUL character (U+0000) and was refused.',
    surrogate: 'The field “{field}” is badly encoded (incomplete Unicode character) and was refused.',
    tooDeep: 'The request body is nested too deeply ({max} levels at most).',
    forbiddenKey: 'Forbidden key in the request body: “{key}”.',
    badPath: 'The requested address contains an invalid character.',
    badQuery: 'The address parameter “{field}” contains an invalid character.',
  },
});

/**
 * `mutations[2].fields.name` from a path of keys (indexes in brackets). A key that is itself
 * unstorable is shown as `?`, and the whole is cut at 100 characters: the answer never echoes
 * the hostile text back.
 */
export function fieldPath(path: readonly string[]): string {
  const named = path.map((key) => (unstorableProblem(key) ? '?' : key));
  const joined = named.reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
  return joined.length > 100 ? `${joined.slice(0, 99)}…` : joined;
}

function bodyError(problem: JsonProblem, locale: 'fr' | 'en'): HttpError {
  const field = fieldPath(problem.path);
  const extra = field ? { field } : {};
  switch (problem.kind) {
    case 'tooDeep':
      return new HttpError(400, 'invalid_json', text(SAFE_JSON_TEXTS, locale, 'tooDeep', { max: problem.max }));
    case 'forbiddenKey':
      return new HttpError(400, 'invalid_json', text(SAFE_JSON_TEXTS, locale, 'forbiddenKey', { key: problem.key }), extra);
    case 'surrogate':
      return new HttpError(400, 'invalid_text', text(SAFE_JSON_TEXTS, locale, 'surrogate', { field }), extra);
    default:
      return new HttpError(400, 'invalid_text', text(SAFE_JSON_TEXTS, locale, 'nul', { field }), extra);
  }
}

/** The path's segments decoded; null when one is not valid percent-encoded UTF-8 or is unstorable. */
function pathIsSafe(path: string): boolean {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (unstorableProblem(decoded)) return false;
  }
  return !unstorableProblem(path);
}

/**
 * Refuses unstorable strings in the path and the query string. Mounted ahead of every route,
 * sync included (it reads no body, so sync still parses its own only after the token).
 */
export function refuseUnsafeUrl(): RequestHandler {
  return (req, _res, next) => {
    const locale = requestLocale(req);
    if (!pathIsSafe(req.path)) return next(new HttpError(400, 'invalid_text', text(SAFE_JSON_TEXTS, locale, 'badPath')));
    // Express's query parser already turned invalid UTF-8 into U+FFFD; a %00 is still a NUL.
    if (!req.url.includes('?')) return next();
    const queryProblem = findJsonProblem(req.query, 8);
    if (queryProblem) {
      const field = fieldPath(queryProblem.path.slice(0, 1));
      return next(new HttpError(400, 'invalid_text', text(SAFE_JSON_TEXTS, locale, 'badQuery', { field }), { field }));
    }
    next();
  };
}

/** Refuses unstorable strings, `__proto__` keys and deep nesting in a parsed JSON body (after express.json). */
export function refuseUnsafeBody(): RequestHandler {
  return (req, _res, next) => {
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
      const problem = findJsonProblem(req.body, MAX_BODY_DEPTH);
      if (problem) return next(bodyError(problem, requestLocale(req)));
    }
    next();
  };
}
