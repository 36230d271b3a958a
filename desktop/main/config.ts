/** The desktop app's settings, in one place. */
import { text } from '../../shared/i18n/texts.js';
import { MAIN_TEXTS } from './texts.js';

/** The cloud the app talks to, unless STYLISTE_SERVER_URL says otherwise (staging, a local server). */
export const DEFAULT_SERVER_URL = 'https://styliste.bj';

/** The server URL from the environment (http or https, no trailing slash), else the default. */
export function resolveServerUrl(env: Record<string, string | undefined>): string {
  const raw = env.STYLISTE_SERVER_URL?.trim();
  if (!raw) return DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(text(MAIN_TEXTS, 'fr', 'badServerUrl', { url: raw }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(text(MAIN_TEXTS, 'fr', 'badServerUrl', { url: raw }));
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The policy of the app's page: its own files only; no network (the main process talks to the
 * cloud), images also from data: and blob: (photos arrive as bytes). Vite's build needs no inline
 * script; inline styles are allowed for React's style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://*.tile.openstreetmap.org",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
