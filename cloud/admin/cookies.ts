/**
 * The admin session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Secure in production, for /api/admin only, 8 hours at most.
 */
import type { Request, Response } from 'express';
import { ADMIN_SESSION_MAX_MS } from '../../shared/admin/rules.js';

export const ADMIN_COOKIE = 'styliste_admin';
export const CSRF_HEADER = 'x-csrf-token';
const PATH = '/api/admin';

/** The session token of a request's cookie, or null. */
export function sessionToken(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_COOKIE) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
    }
  }
  return null;
}

function attributes(secure: boolean): string {
  return `Path=${PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.append('Set-Cookie', `${ADMIN_COOKIE}=${token}; ${attributes(secure)}; Max-Age=${ADMIN_SESSION_MAX_MS / 1000}`);
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', `${ADMIN_COOKIE}=; ${attributes(secure)}; Max-Age=0`);
}
