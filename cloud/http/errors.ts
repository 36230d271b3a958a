/**
 * HTTP errors in the contract's shape: `4xx {"error":{"code","message"}}`, message in the
 * request's language (French by default). Never a stack trace; never a 5xx for bad input.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { isEngineError, type EngineError } from '../../shared/domain/errors.js';
import type { Locale } from '../../shared/i18n/index.js';
import { errorSummary } from './logging.js';
import { text, type Catalogue, type TextParams } from '../../shared/i18n/texts.js';
import { httpTexts } from './texts.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer carries too (a 429's Retry-After, say). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * An area's error function from its catalogue and the status of each code (texts.ts of each area):
 * `error('admin_locked', locale, { until })` is the HttpError of that code, in that language.
 */
export function areaErrors<K extends string>(catalogue: Catalogue<K>, statuses: Record<K, number>) {
  return (code: K, locale: Locale, params: TextParams = {}, extra: Record<string, unknown> = {}): HttpError =>
    new HttpError(statuses[code], code, text(catalogue, locale, code, params), extra);
}

export function requestLocale(req: Request): Locale {
  const header = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(header.trim()) ? 'en' : 'fr';
}

const ENGINE_STATUS: Record<EngineError['code'], number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  rule_violation: 409,
  not_ready: 409,
};

/** A text of the HTTP layer's catalogue (http/texts.ts) in the request's language. */
export function message(code: 'invalid_json' | 'payload_too_large' | 'unsupported_encoding' | 'not_found' | 'internal', locale: Locale): string {
  return text(httpTexts, locale, code);
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const locale = requestLocale(req);
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(error.status).json({ error: { code: error.code, message: error.message, ...error.extra } });
    return;
  }
  if (isEngineError(error)) {
    res.status(ENGINE_STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
    return;
  }
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: message('invalid_json', locale) } });
    return;
  }
  if (type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'payload_too_large', message: message('payload_too_large', locale) } });
    return;
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    res.status(415).json({ error: { code: 'unsupported_encoding', message: message('unsupported_encoding', locale) } });
    return;
  }
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: { code: 'bad_request', message: message('invalid_json', locale) } });
    return;
  }
  // Summarised: class, SQLSTATE, statement — never the query's values (http/logging.ts).
  req.log?.error({ err: errorSummary(error) }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: message('internal', locale) } });
};
