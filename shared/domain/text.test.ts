import { describe, it, expect } from 'vitest';
import { normalizeForSearch, searchTerms } from './text.js';

describe('normalizeForSearch', () => {
  it('lowercases and strips French accents', () => {
    expect(normalizeForSearch('Aïcha')).toBe('aicha');
    expect(normalizeForSearch('Ézéchiel  KOFFI')).toBe('ezechiel koffi');
    expect(normalizeForSearch('Hélène Ahouandjinou-Gbèdé')).toBe('helene ahouandjinou-gbede');
    expect(normalizeForSearch('ÇA VA À LA FAÇON')).toBe('ca va a la facon');
  });

  it('expands ligatures NFD leaves alone', () => {
    expect(normalizeForSearch('Cœur')).toBe('coeur');
    expect(normalizeForSearch('ŒUVRE')).toBe('oeuvre');
    expect(normalizeForSearch('Lætitia')).toBe('laetitia');
    expect(normalizeForSearch('Straße')).toBe('strasse');
  });

  it('collapses every kind of whitespace and trims', () => {
    expect(normalizeForSearch('  Mama\u00a0 Bénédicte \t\n Tossou ')).toBe('mama benedicte tossou');
    expect(normalizeForSearch('')).toBe('');
    expect(normalizeForSearch('   ')).toBe('');
  });

  it('is idempotent and makes differently typed names equal', () => {
    const once = normalizeForSearch('Gbénou Éloïse');
    expect(normalizeForSearch(once)).toBe(once);
    expect(normalizeForSearch('GBENOU eloise')).toBe(once);
    // precomposed and decomposed forms of the same name
    expect(normalizeForSearch('Ame\u0301lie')).toBe(normalizeForSearch('Amélie'));
  });
});

describe('searchTerms', () => {
  it('gives the text and no digits for a name', () => {
    expect(searchTerms('  Aïcha ')).toEqual({ text: 'aicha', digits: '' });
    expect(searchTerms('Robe 2')).toEqual({ text: 'robe 2', digits: '' });
  });

  it('keeps only digits of a phone query', () => {
    expect(searchTerms('01 97 00').digits).toBe('019700');
    expect(searchTerms('97.00.00.00').digits).toBe('97000000');
    expect(searchTerms('12').digits).toBe('12');
  });

  it("drops a leading '+' or '00' international prefix", () => {
    expect(searchTerms('+229 01 97 00 00 00').digits).toBe('2290197000000');
    expect(searchTerms('00229 01 97').digits).toBe('2290197');
    expect(searchTerms('  0022901970000 00').digits).toBe('2290197000000');
  });

  it("keeps a '00' that is the whole query rather than emptying it", () => {
    expect(searchTerms('00').digits).toBe('00');
    expect(searchTerms('001').digits).toBe('001');
    // '00' inside the query is not a prefix
    expect(searchTerms('97 00 12').digits).toBe('970012');
  });
});
