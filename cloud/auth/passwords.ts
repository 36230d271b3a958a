/**
 * Passwords, hashed with scrypt (memory-hard, in node:crypto): N = 2^15, r = 8, p = 1 (32 MiB
 * and ~100 ms per hash), a 16-byte random salt, a 32-byte key. Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64), so the cost can be raised later: each hash
 * carries its own parameters. Comparison is constant-time (timingSafeEqual).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

export const passwordSchema = z
  .string({ error: () => 'invalid.passwordMissing' })
  .min(PASSWORD_MIN_LENGTH, 'invalid.passwordTooShort')
  .max(PASSWORD_MAX_LENGTH, 'invalid.passwordTooLong');

/** At login, any non-empty string is checked (an old, shorter password must still be refused nicely). */
export const givenPasswordSchema = z
  .string({ error: () => 'invalid.passwordMissing' })
  .min(1, 'invalid.passwordMissing')
  .max(PASSWORD_MAX_LENGTH, 'invalid.passwordTooLong');

interface Params {
  N: number;
  r: number;
  p: number;
}

const DEFAULT: Params = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, params: Params, keyBytes: number): Promise<Buffer> {
  // scrypt needs 128·N·r·p bytes; node's default maxmem (32 MiB) is just too small for N = 2^15.
  const maxmem = 2 * 128 * params.N * params.r * params.p;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, { ...params, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, DEFAULT, KEY_BYTES);
  return ['scrypt', DEFAULT.N, DEFAULT.r, DEFAULT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parseStored(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const powerOfTwo = Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { N, r, p }, salt, key };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for an unknown identifier: the answer time
 * does not tell whether an account exists. Always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(18).toString('base64'));
  await verifyPassword(password, await dummy);
  return false;
}
