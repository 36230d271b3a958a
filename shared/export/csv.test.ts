/** CSV cells as French Excel reads them, and the reader the tests use, on the awkward cases. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsv } from './csv.js';

describe('csv', () => {
  it('guards formulas in text, never in numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"|"$/g, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell(-5000)).toBe('-5000');
    expect(csvCell(1.5)).toBe('1,5');
    expect(csvCell('Aïcha 👗')).toBe('Aïcha 👗');
    expect(csvCell(null)).toBe('');
  });

  it('quotes separators, quotes, line breaks and edge spaces (RFC 4180), and reads them back', () => {
    const cells = ['a;b', 'dit "oui"', 'ligne 1\nligne 2', ' espace ', 'Ɖɔ̀kpɛ́', '', '=HYPERLINK("x")', 'fin\r\n'];
    const text = '\uFEFF' + csvLine(cells) + csvLine(['2', '3']);
    expect(parseCsv(text)).toEqual([cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)), ['2', '3']]);
    expect(csvLine(['a;b', 'x'])).toBe('"a;b";x\r\n');
    expect(csvLine(['dit "oui"'])).toBe('"dit ""oui"""\r\n');
  });
});
