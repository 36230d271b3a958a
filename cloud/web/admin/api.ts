/**
 * The portal's requests to /api/admin: JSON both ways, the session cookie (same origin), the CSRF
 * token kept in memory and sent in `X-CSRF-Token` with every write, and the API's French message
 * as the error. A 401 of the session (expired or missing) calls the handler that brings the
 * sign-in page back.
 */
import { translator } from './i18n.js';
import { COMMON_TEXTS } from './texts/common.js';

const t = translator(COMMON_TEXTS);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onSessionExpired(handler: () => void): void {
  onSessionLost = handler;
}

const SESSION_CODES = new Set(['admin_session_expired', 'admin_sign_in_required']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  json?: unknown;
  /** The sign-in's own 401s (wrong password, wrong code) are not a lost session. */
  quiet401?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'fr' };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}) });
  } catch {
    throw new ApiError(0, 'network', t('network'));
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'unknown';
  const message = typeof error?.message === 'string' ? error.message : t('unexpectedStatus', { status: response.status });
  if (response.status === 401 && !options.quiet401 && SESSION_CODES.has(code)) onSessionLost?.();
  throw new ApiError(response.status, code, message);
}

/** A query string of the filters that have a value. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
