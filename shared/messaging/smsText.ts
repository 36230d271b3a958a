/**
 * What an SMS costs, and the GSM-7 rewrite that keeps it cheap (DESIGN: "Aïcha" → "Aicha", so a
 * message costs 1 credit per 160 characters instead of 70). Parts and encodings come from
 * sms-segments-calculator (the carriers' own rules: the GSM-7 tables, escapes, UDH headers).
 */
import { SegmentedMessage } from 'sms-segments-calculator';

/** The GSM 03.38 basic set and its extension table (each extension character costs two). */
const GSM7 = new Set(
  [...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà', ...'^{}\\[~]|€\f'],
);

/** Letters of Fon, Yoruba, Ewe… that have no accent to drop, written as the nearest Latin letter. */
const NEAREST: Record<string, string> = {
  ɛ: 'e', Ɛ: 'E', ɔ: 'o', Ɔ: 'O', ɖ: 'd', Ɖ: 'D', ŋ: 'n', Ŋ: 'N', ƒ: 'f', Ƒ: 'F', ʋ: 'v', Ʋ: 'V', ɣ: 'g', Ɣ: 'G',
  œ: 'oe', Œ: 'OE', '’': "'", '‘': "'", ʼ: "'", '«': '"', '»': '"', '“': '"', '”': '"', '–': '-', '—': '-', '…': '...',
  '\u00a0': ' ', '\u202f': ' ', ç: 'c',
};

function gsmGrapheme(grapheme: string): string {
  if (GSM7.has(grapheme)) return grapheme;
  const near = NEAREST[grapheme];
  if (near !== undefined) return near;
  // Drop the accents that GSM-7 lacks (ï → i, ê → e, ẹ → e, ọ̀ → o), keeping those it has (é, è, à).
  const base = grapheme.normalize('NFD');
  const letter = base[0] ?? '';
  const composedWithFirstAccent = base.slice(0, 2).normalize('NFC');
  if (GSM7.has(composedWithFirstAccent) && composedWithFirstAccent.length === 1 && base.length === 2) return composedWithFirstAccent;
  const stripped = base.replace(/\p{M}+/gu, '');
  if ([...stripped].every((c) => GSM7.has(c) || NEAREST[c] !== undefined)) return [...stripped].map((c) => NEAREST[c] ?? c).join('');
  return letter && GSM7.has(letter) ? letter : grapheme;
}

/** The text in the GSM-7 alphabet where that keeps the meaning; what has no GSM-7 form (emoji) stays. */
/** Made once: making a segmenter costs more than segmenting a message. */
let graphemes: Intl.Segmenter | null = null;

export function toGsm7(text: string): string {
  const segmenter = (graphemes ??= new Intl.Segmenter('fr', { granularity: 'grapheme' }));
  let out = '';
  for (const { segment } of segmenter.segment(text)) out += gsmGrapheme(segment);
  return out;
}

export interface SmsCost {
  /** The text that would be sent (rewritten to GSM-7 when the workshop asks for it). */
  text: string;
  characters: number;
  parts: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** The characters that force UCS-2 (70 characters a part), each once, in order of appearance. */
  nonGsm: string[];
}

/** The SMS a body becomes and what it costs; `gsm7` is the workshop's setting (on by default). */
export function smsCost(body: string, gsm7: boolean): SmsCost {
  const text = gsm7 ? toGsm7(body) : body;
  const message = new SegmentedMessage(text, 'auto');
  return {
    text,
    characters: message.numberOfCharacters,
    parts: message.segmentsCount,
    encoding: message.encodingName,
    nonGsm: [...new Set(message.getNonGsmCharacters())],
  };
}
