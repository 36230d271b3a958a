/**
 * CSV as French Excel opens it: `;` between cells (the comma is the decimal mark), CRLF between
 * lines, RFC 4180 quoting, a UTF-8 BOM before the header so accents and emoji survive. A cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula in a
 * spreadsheet: it gets a leading apostrophe (OWASP's advice), which Excel shows as text.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text, guarded and quoted when it must be. Numbers are never guarded (-500 stays a number). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  let cell = value;
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  if (/[";\r\n]/.test(cell) || cell !== cell.trim()) cell = `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + CSV_EOL;
}

/**
 * Reads CSV text written by `csvLine` back into rows of cells (RFC 4180; the BOM dropped). For
 * tests and for anyone checking an export; the apostrophe of the formula guard is kept.
 */
export function parseCsv(text: string, separator = CSV_SEPARATOR): string[][] {
  const source = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && source[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
