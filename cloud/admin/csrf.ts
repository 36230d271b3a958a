/**
 * The admin session's CSRF token: an HMAC of the session's token under a key derived from the
 * server's secret, so it needs no storage and changes with every session. The portal sends it
 * back in `X-CSRF-Token` with every write; a page of another site cannot read it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac('sha256', secret).update('admin-csrf').digest()));
  return key;
}

export function csrfToken(secret: string, sessionToken: string): string {
  return createHmac('sha256', keyFor(secret)).update(sessionToken).digest('base64url');
}

export function csrfMatches(secret: string, sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfToken(secret, sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
