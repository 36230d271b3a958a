/**
 * Phone numbers: parsing (national or international form) to E.164, display, and the digits
 * stored for "search by any part of the number". Pure TypeScript.
 *
 * Entry point: 'libphonenumber-js/min' (the smallest metadata, ~84 KB vs ~156 KB for /max).
 * Checked with libphonenumber-js 1.13.16: /min and /max both know Bénin's 10-digit plan of
 * November 2024 (+229 01 XX XX XX XX, the "01" being part of the national number, no trunk
 * prefix) and both reject the old 8-digit numbers. The difference: /min validates by length and
 * leading digits only, so an unassigned range such as +229 01 00 00 00 00 passes with /min and
 * fails with /max. For a workshop's client list that looseness is acceptable; we never need the
 * number type (mobile / fixed) that only /max provides.
 *
 * Old 8-digit Bénin numbers ('97 00 00 00', '+229 97 00 00 00'): libphonenumber-js parses them
 * but isValid() is false (not even isPossible()), so normalizePhone returns null. We do NOT
 * silently prepend "01": the user must type the new number.
 */
import { parsePhoneNumberFromString, getCountryCallingCode, type CountryCode, type PhoneNumber } from 'libphonenumber-js/min';
import { z } from 'zod';

export type { CountryCode };

/** The schemas' message (a key of the engine catalogue, put into words by `parseInput`). */
export const PHONE_INVALID_MESSAGE = 'invalid.phone';

/** Characters a person may type between digits: spaces (incl. non-breaking), . - / ( ). */
const SEPARATORS = /[\s.\-/()\u00a0\u202f]/g;

function parse(input: string, defaultCountry: CountryCode): PhoneNumber | undefined {
  const compact = input.trim().replace(SEPARATORS, '');
  if (!/^(\+|00)?\d{4,17}$/.test(compact)) return undefined;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const parsed = parsePhoneNumberFromString(`+${compact.replace(/^(\+|00)/, '')}`);
    return parsed?.isValid() ? parsed : undefined;
  }
  const national = parsePhoneNumberFromString(compact, defaultCountry);
  if (national?.isValid()) return national;
  // "229 01 97 00 00 00" typed without the "+": the default country's code followed by a
  // valid number. Only the default country's code, so that a national number is never
  // re-read as some other country's.
  const code = getCountryCallingCode(defaultCountry);
  if (compact.startsWith(code)) {
    const international = parsePhoneNumberFromString(`+${compact}`);
    if (international?.isValid() && international.countryCallingCode === code) return international;
  }
  return undefined;
}

/** National or international form → E.164 ('+2290197000000'), or null when invalid. */
export function normalizePhone(input: string, defaultCountry: CountryCode = 'BJ'): string | null {
  if (typeof input !== 'string') return null;
  return parse(input, defaultCountry)?.number ?? null;
}

/** A required phone number: string → E.164. */
export const phoneSchema = z.string({ error: () => PHONE_INVALID_MESSAGE }).transform((s, ctx) => {
  const e164 = normalizePhone(s);
  if (e164 === null) {
    ctx.addIssue({ code: 'custom', message: PHONE_INVALID_MESSAGE });
    return z.NEVER;
  }
  return e164;
});

/** An optional phone number: '', blanks, null or undefined → null; anything else must be valid. */
export const optionalPhoneSchema = z
  .string({ error: () => PHONE_INVALID_MESSAGE })
  .nullish()
  .transform((s, ctx): string | null => {
    if (s === null || s === undefined || s.trim() === '') return null;
    const e164 = normalizePhone(s);
    if (e164 === null) {
      ctx.addIssue({ code: 'custom', message: PHONE_INVALID_MESSAGE });
      return z.NEVER;
    }
    return e164;
  });

/** '+2290197000000' → '+229 01 97 00 00 00' (international) or '01 97 00 00 00' (national). Unparseable input is returned as is. */
export function formatPhone(e164: string, style: 'national' | 'international' = 'international'): string {
  const parsed = parsePhoneNumberFromString(e164.trim().replace(SEPARATORS, '').replace(/^00/, '+'));
  if (!parsed) return e164;
  return style === 'national' ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * The digits stored beside a phone number for search: the international digits, then the
 * digits as dialled nationally (with the trunk prefix where the country has one), separated by
 * a space so that a LIKE '%digits%' on a digits-only query matches any contiguous part of
 * either form and never spans the two:
 *   '+2290197000000' → '2290197000000 0197000000' (finds '0197…', '97000000', '229 01…')
 *   '+33612345678'   → '33612345678 0612345678'
 * A number that does not parse gives its digits only; null or undefined gives ''.
 */
export function phoneDigits(e164OrAny: string | null | undefined): string {
  if (e164OrAny === null || e164OrAny === undefined) return '';
  const parsed = parse(e164OrAny, 'BJ');
  if (!parsed) return e164OrAny.replace(/\D/g, '');
  const international = parsed.number.slice(1);
  const parts = [international];
  const national = parsed.formatNational().replace(/\D/g, '');
  if (national) parts.push(national);
  const significant = String(parsed.nationalNumber);
  if (!parts.some((p) => p.includes(significant))) parts.push(significant);
  return parts.join(' ');
}
