/** Secret comparison that takes the same time whatever the guess (webhook tokens). */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || expected.length === 0) return false;
  // Hashing first gives equal lengths, so the comparison says nothing about the secret's length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
