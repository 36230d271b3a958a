import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { normalizePhone, phoneSchema, optionalPhoneSchema, formatPhone, phoneDigits } from './phone.js';
import { searchTerms } from './text.js';
import { issueMessage } from './validation.js';

const BJ = '+2290197000000';

describe('normalizePhone', () => {
  it('reads the new 10-digit Bénin numbers in every usual form', () => {
    for (const input of ['01 97 00 00 00', '0197000000', '01.97.00.00.00', '01-97-00-00-00', '(01) 97 00 00 00', '+229 01 97 00 00 00', '+229 0197000000', '0022901970000 00', '00229 01 97 00 00 00', ' 229 01 97 00 00 00 ']) {
      expect(normalizePhone(input), input).toBe(BJ);
    }
  });

  it('accepts Bénin fixed lines of the new plan', () => {
    expect(normalizePhone('01 21 30 00 00')).toBe('+2290121300000');
  });

  it('rejects the old 8-digit Bénin numbers (no longer valid since November 2024)', () => {
    expect(normalizePhone('97 00 00 00')).toBeNull();
    expect(normalizePhone('97000000')).toBeNull();
    expect(normalizePhone('+229 97 00 00 00')).toBeNull();
  });

  it('rejects wrong lengths, wrong prefixes and garbage', () => {
    expect(normalizePhone('01 97 00 00 0')).toBeNull();
    expect(normalizePhone('01 97 00 00 00 00')).toBeNull();
    expect(normalizePhone('02 97 00 00 00')).toBeNull();
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('   ')).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
    expect(normalizePhone('01 97 00 00 00 poste 12')).toBeNull();
    expect(normalizePhone('+')).toBeNull();
  });

  it('reads other countries in international form', () => {
    expect(normalizePhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('+225 07 07 00 00 00')).toBe('+2250707000000'); // Côte d'Ivoire
    expect(normalizePhone('+228 90 12 34 56')).toBe('+22890123456'); // Togo
    expect(normalizePhone('00221 77 123 45 67')).toBe('+221771234567'); // Sénégal
    expect(normalizePhone('+234 803 123 4567')).toBe('+2348031234567'); // Nigeria
  });

  it('reads national numbers of another default country', () => {
    expect(normalizePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalizePhone('90 12 34 56', 'TG')).toBe('+22890123456');
    expect(normalizePhone('0803 123 4567', 'NG')).toBe('+2348031234567');
    // a French national number is not a Bénin one
    expect(normalizePhone('06 12 34 56 78')).toBeNull();
  });
});

describe('phoneSchema / optionalPhoneSchema', () => {
  it('transforms to E.164', () => {
    expect(phoneSchema.parse('01 97 00 00 00')).toBe(BJ);
    expect(z.object({ phone: phoneSchema }).parse({ phone: '+33 6 12 34 56 78' })).toEqual({ phone: '+33612345678' });
  });

  it('fails with the French message, or the English one', () => {
    for (const bad of ['97 00 00 00', '', 'abc', 42, null, undefined]) {
      const result = phoneSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(issueMessage(result.error!.issues[0]!, 'fr')).toBe('Numéro de téléphone invalide');
      expect(issueMessage(result.error!.issues[0]!, 'en')).toBe('Invalid phone number');
    }
  });

  it('optional: empty, null or missing gives null, otherwise must be valid', () => {
    expect(optionalPhoneSchema.parse('')).toBeNull();
    expect(optionalPhoneSchema.parse('  ')).toBeNull();
    expect(optionalPhoneSchema.parse(null)).toBeNull();
    expect(optionalPhoneSchema.parse(undefined)).toBeNull();
    expect(optionalPhoneSchema.parse('01 97 00 00 00')).toBe(BJ);
    const bad = optionalPhoneSchema.safeParse('12');
    expect(bad.success).toBe(false);
    expect(issueMessage(bad.error!.issues[0]!, 'fr')).toBe('Numéro de téléphone invalide');
    const schema = z.object({ phone: optionalPhoneSchema });
    expect(schema.parse({ phone: null })).toEqual({ phone: null });
    expect(schema.parse({})).toEqual({ phone: null });
  });
});

describe('formatPhone', () => {
  it('formats international and national', () => {
    expect(formatPhone(BJ)).toBe('+229 01 97 00 00 00');
    expect(formatPhone(BJ, 'national')).toBe('01 97 00 00 00');
    expect(formatPhone('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhone('+33612345678', 'national')).toBe('06 12 34 56 78');
  });

  it('returns what it cannot parse unchanged', () => {
    expect(formatPhone('n/a')).toBe('n/a');
  });
});

describe('phoneDigits', () => {
  it('holds the international and the national digits', () => {
    expect(phoneDigits(BJ)).toBe('2290197000000 0197000000');
    expect(phoneDigits('01 97 00 00 00')).toBe('2290197000000 0197000000');
    expect(phoneDigits('+33612345678')).toBe('33612345678 0612345678');
    expect(phoneDigits('+2348031234567')).toBe('2348031234567 08031234567');
  });

  it('gives digits only for what does not parse, and "" for nothing', () => {
    expect(phoneDigits('97 00 00 00')).toBe('97000000');
    expect(phoneDigits(null)).toBe('');
    expect(phoneDigits(undefined)).toBe('');
  });

  it('lets a LIKE %digits% search find any part typed in any form', () => {
    const stored = phoneDigits(BJ);
    const finds = (query: string) => stored.includes(searchTerms(query).digits);
    for (const q of ['0197000000', '01 97 00 00 00', '97000000', '97 00', '+2290197000000', '00229 01 97', '229 0197', '0000']) {
      expect(finds(q), q).toBe(true);
    }
    expect(finds('98000000')).toBe(false);
    // never matches across the boundary between the two forms
    expect(finds('0000000197')).toBe(false);
    const fr = phoneDigits('+33612345678');
    expect(fr.includes(searchTerms('06 12 34').digits)).toBe(true);
    expect(fr.includes(searchTerms('+33 6 12').digits)).toBe(true);
  });
});
