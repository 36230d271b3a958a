/**
 * The GSM-7 rewrite and what an SMS costs (sms-segments-calculator underneath): the accents GSM-7
 * lacks are dropped, the letters of Fon, Yoruba and Ewe become their nearest Latin letter, what
 * has no GSM-7 form (emoji) stays and makes the message UCS-2; parts at the carriers' limits.
 */
import { describe, expect, it } from 'vitest';
import { smsCost, toGsm7 } from './smsText.js';

describe('toGsm7', () => {
  it.each([
    ['Aïcha, votre tenue est prête', 'Aicha, votre tenue est prete'],
    // é, è, à, ù, ì, ò, Ç, ñ, ü, ä, ö are GSM-7 letters: kept as they are.
    ['Sèmèvo, élégante à Cotonou', 'Sèmèvo, élégante à Cotonou'],
    ['Ç ñ ü ä ö Ñ Ü Ä Ö É', 'Ç ñ ü ä ö Ñ Ü Ä Ö É'],
    // Accents GSM-7 lacks: dropped (ç is not GSM-7, its capital is).
    ['ç ê î ô û ë ï â á í ó ú È Ê', 'c e i o u e i a a i o u E E'],
    // Fon and Ewe letters.
    ['Ɖɔkpɔ Ŋɔnɔ ɛ Ɛ ɣ Ɣ ʋ Ʋ ƒ Ƒ', 'Dokpo Nono e E g G v V f F'],
    // Yoruba: dots below and tones, alone or stacked.
    ['Adébáyọ̀ Ọlá ṣ Ṣ ẹ̀ ọ́ ń ǹ', 'Adébayo Ola s S e o n n'],
    // French typography.
    ['« Prête » – l’atelier… œuvre Œ', '" Prete " - l\'atelier... oeuvre OE'],
    ['12\u202f500\u00a0F', '12 500 F'],
    // Line breaks stay (CR LF is one grapheme).
    ['Bonjour\r\nà demain\n', 'Bonjour\r\nà demain\n'],
  ])('%j → %j', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
    expect(smsCost(expected, false).encoding).toBe('GSM-7');
  });

  it('keeps what has no GSM-7 form: emoji stay, and the message is UCS-2', () => {
    expect(toGsm7('Merci 🙏 à bientôt 👗🏾')).toBe('Merci 🙏 à bientot 👗🏾');
    const cost = smsCost('Merci 🙏 à bientôt', true);
    expect(cost.encoding).toBe('UCS-2');
    expect(cost.nonGsm).toEqual(['🙏']);
  });

  it('is idempotent', () => {
    const once = toGsm7('Aïcha Ɖɔkpɔ « prête » 🙏');
    expect(toGsm7(once)).toBe(once);
  });
});

describe('smsCost', () => {
  it('with the setting on, a French text costs one GSM-7 part; off, it is UCS-2 with the characters named', () => {
    expect(smsCost('Aïcha, votre tenue est prête', true)).toEqual({ text: 'Aicha, votre tenue est prete', characters: 28, parts: 1, encoding: 'GSM-7', nonGsm: [] });
    const off = smsCost('Aïcha, votre tenue est prête', false);
    expect(off).toMatchObject({ text: 'Aïcha, votre tenue est prête', parts: 1, encoding: 'UCS-2' });
    expect(off.nonGsm).toEqual(['ï', 'ê']);
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
  ])('GSM-7: %i characters → %i part(s)', (length, parts) => {
    expect(smsCost('a'.repeat(length), true)).toMatchObject({ characters: length, parts, encoding: 'GSM-7' });
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('UCS-2: %i characters → %i part(s)', (length, parts) => {
    // ɛ stays ɛ with the setting off: every character is UCS-2.
    expect(smsCost('ɛ'.repeat(length), false)).toMatchObject({ characters: length, parts, encoding: 'UCS-2' });
  });

  it('counts an extension character (€, [, ]) as two', () => {
    expect(smsCost('€'.repeat(80), true)).toMatchObject({ characters: 160, parts: 1, encoding: 'GSM-7' });
    expect(smsCost(`${'€'.repeat(80)}a`, true).parts).toBe(2);
  });

  it('a 1 600-character GSM-7 body is 11 parts (153 characters each once split)', () => {
    expect(smsCost('a'.repeat(1600), true).parts).toBe(11);
  });
});
