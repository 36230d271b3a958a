/**
 * The message screens' pure helpers, checked against the real SMS counting (the engine's
 * composeMessage over sms-segments-calculator): "encore N avant le SMS suivant" is exactly where
 * the next part starts, in GSM-7 (extension characters counting two) and in UCS-2.
 */
import { describe, expect, it } from 'vitest';
import { messageCost } from '../../../../../shared/messaging/compose.js';
import { charactersLeft, insertAt, visibleCharacter } from './messageText.js';

const partsOf = (text: string) => messageCost(text, 'sms').parts;

describe('characters left before the next SMS part', () => {
  const cases: [string, string, string][] = [
    ['GSM-7, one part', 'Aicha, votre tenue est prete', 'a'],
    ['GSM-7, at the edge of one part', 'a'.repeat(160), 'a'],
    ['GSM-7, two parts', 'b'.repeat(200), 'b'],
    ['GSM-7 with € (two each)', 'Prix : 10 €, acompte 5 €', 'c'],
    ['UCS-2, one part', 'Aïcha, votre tenue est prête', 'd'],
    ['UCS-2, three parts', 'ê'.repeat(150), 'e'],
  ];
  for (const [name, text, filler] of cases) {
    it(name, () => {
      const cost = messageCost(text, 'sms');
      const left = charactersLeft(cost)!;
      // `left` more characters still fit; one more takes a new part.
      expect(partsOf(text + filler.repeat(left))).toBe(cost.parts);
      expect(partsOf(text + filler.repeat(left + 1))).toBe(cost.parts + 1);
    });
  }

  it('is nothing for WhatsApp and e-mail', () => {
    expect(charactersLeft(messageCost('Bonjour', 'whatsapp'))).toBeNull();
    expect(charactersLeft(messageCost('Bonjour', 'email'))).toBeNull();
  });
});

describe('characters shown to the tailor', () => {
  it('shows letters as they are and invisible ones by their code', () => {
    expect(['ï', 'ê', '😀', 'ɛ'].map(visibleCharacter)).toEqual(['ï', 'ê', '😀', 'ɛ']);
    // The no-break spaces French number formatting puts in "10 000 FCFA", a tab, a zero-width joiner.
    expect(['\u00a0', '\u202f', '\t', '\u200d'].map(visibleCharacter)).toEqual(['U+00A0', 'U+202F', 'U+0009', 'U+200D']);
  });
});

describe('a variable inserted where the cursor is', () => {
  it('replaces the selection and puts the cursor after it', () => {
    expect(insertAt('Bonjour , merci', '{client}', 8, 8)).toEqual({ text: 'Bonjour {client}, merci', cursor: 16 });
    expect(insertAt('Bonjour XXX', '{client}', 8, 11)).toEqual({ text: 'Bonjour {client}', cursor: 16 });
  });

  it('keeps to the text when the selection is outside it (a text changed meanwhile)', () => {
    expect(insertAt('abc', '{lien}', 10, 20)).toEqual({ text: 'abc{lien}', cursor: 9 });
    expect(insertAt('abc', '{lien}', -5, 2)).toEqual({ text: '{lien}c', cursor: 6 });
    expect(insertAt('abc', '{lien}', 2, 1)).toEqual({ text: 'ab{lien}c', cursor: 8 });
  });
});
