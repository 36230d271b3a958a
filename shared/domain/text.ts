/** Search normalisation: accent- and case-insensitive text, and the digits of a phone query. Pure TypeScript. */

/** Letters that NFD does not decompose into a base letter + combining marks. */
const LIGATURES: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'g');

/** Lowercase, no diacritics, single spaces, trimmed: 'Ézéchiel  KOFFI' → 'ezechiel koffi'. */
export function normalizeForSearch(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What to look for: the normalised text, and the digits when the query holds at least 2 of them
 * (a leading '+' or '00' international prefix dropped, so '+229 01 97' → '22901 97' → '2290197'),
 * else ''.
 */
export function searchTerms(query: string): { text: string; digits: string } {
  const text = normalizeForSearch(query);
  const all = query.replace(/\D/g, '');
  if (all.length < 2) return { text, digits: '' };
  let digits = all;
  if (/^\s*00/.test(query)) {
    const rest = all.slice(2);
    if (rest.length >= 2) digits = rest;
  }
  return { text, digits };
}
