/**
 * Who may call the host (only the app's own page) and which links leave the app (opened in the
 * system's browser or dialler, never inside it). Pure functions, tested under Node.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** The folder of the built web app (out/web). */
  webDir: string;
  /** The Vite dev server, in development only. */
  devServerUrl?: string | null;
}

/** The URL the window loads. */
export function appEntryUrl(location: AppLocation): string {
  if (location.devServerUrl) return location.devServerUrl;
  return pathToFileURL(join(location.webDir, 'index.html')).href;
}

/** True for a URL of the app's own page: a file inside the web app's folder, or the dev server's origin. */
export function isAppUrl(location: AppLocation, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (location.devServerUrl) {
    try {
      return url.origin === new URL(location.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  if (url.protocol !== 'file:' || url.host !== '') return false;
  // Paths are compared in URL form, normalised by the parser ("..", "%2e%2e"), with the folder's
  // trailing slash so that "out/web-evil/" does not pass for "out/web/".
  const folder = pathToFileURL(location.webDir).pathname.replace(/\/?$/, '/');
  const sameCase = process.platform === 'win32' ? (s: string) => s.toLowerCase() : (s: string) => s;
  return sameCase(url.pathname).startsWith(sameCase(folder));
}

const EXTERNAL_SCHEMES = new Set(['https:', 'tel:', 'whatsapp:']);

/** Links the app may hand to the system: https pages, phone numbers, WhatsApp. Nothing else. */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (!EXTERNAL_SCHEMES.has(url.protocol)) return false;
    return url.protocol !== 'https:' || (url.hostname !== '' && url.username === '' && url.password === '');
  } catch {
    return false;
  }
}
