/**
 * The one text style (shared/i18n/texts.ts), kept: a scan of the app, its hosts and the PDF
 * documents for the ways texts used to be written. Catalogues are `defineTexts({ fr, en })` of
 * plain strings; everything else is code and must not carry words people read, pick a language
 * with a ternary, or spell out the role table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['desktop/renderer/src', 'desktop/main', 'desktop/preload', 'shared/host', 'shared/documents'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|fixture|testing)\.tsx?$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

const files = SCANNED.flatMap((dir) => sources(join(root, dir))).map((path) => ({ path: relative(root, path), code: readFileSync(path, 'utf8') }));

/** Each `defineTexts(...)` call of a file, found by matching its parentheses. */
function catalogues(code: string): { start: number; end: number; body: string }[] {
  const found: { start: number; end: number; body: string }[] = [];
  for (let at = code.indexOf('defineTexts'); at !== -1; at = code.indexOf('defineTexts', at + 1)) {
    const open = code.indexOf('(', at);
    if (open === -1 || /^\s*\{/.test(code.slice(open + 1)) === false) continue; // an import or a mention
    let depth = 0;
    let end = open;
    for (; end < code.length; end++) {
      if (code[end] === '(') depth++;
      if (code[end] === ')' && --depth === 0) break;
    }
    found.push({ start: at, end, body: code.slice(open + 1, end) });
  }
  return found;
}

/** The code with its catalogues and comments blanked out (line numbers kept). */
function codeOnly(code: string): string {
  let out = code;
  for (const c of catalogues(code).reverse()) out = out.slice(0, c.start) + out.slice(c.start, c.end).replace(/[^\n]/g, ' ') + out.slice(c.end);
  return out.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function offenders(pattern: RegExp, skipLine: (line: string) => boolean = () => false): string[] {
  return files.flatMap(({ path, code }) =>
    codeOnly(code)
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) && !skipLine(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the one text style', () => {
  it('scans the app, the hosts and the documents', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(files.some((f) => f.path.endsWith('SyncBar.tsx'))).toBe(true);
  });

  it('never picks a text with a ternary on the language', () => {
    expect(offenders(/locale\s*===?\s*['"](fr|en)['"]\s*\?|['"](fr|en)['"]\s*===?\s*locale\s*\?|\bfr\s*\?\s*`/)).toEqual([]);
  });

  it('keeps no {fr, en} pair per key outside a catalogue', () => {
    expect(offenders(/\{\s*fr:\s*['"`]/)).toEqual([]);
  });

  it('writes every screen’s TEXTS as a defineTexts catalogue', () => {
    const bad = files.flatMap(({ path, code }) =>
      code.split('\n').flatMap((line, i) => (/TEXTS\s*(:[^=]+)?=(?!\s*defineTexts)/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });

  it('puts only plain strings in catalogues, placeholders as {name} (no functions, no template literals)', () => {
    const bad = files.flatMap(({ path, code }) =>
      catalogues(code).filter((c) => /=>|`|\$\{/.test(c.body)).map((c) => `${path}: ${c.body.slice(0, 80)}`),
    );
    expect(bad).toEqual([]);
    expect(files.filter((f) => catalogues(f.code).length > 0).length).toBeGreaterThan(40);
  });

  it('has no words with French accents or French quotes in code (developer logs aside)', () => {
    const french = /(['"`])(?:(?!\1).)*[àâçéèêëîïôûùüÿœ«»’](?:(?!\1).)*\1/i;
    // Not texts: a log line for developers, reading the engine's message for the field it names,
    // the characters the PDF fonts can draw.
    const notText = (line: string) => /\blog\(|console\.|\.includes\(`|WIN_ANSI_EXTRA/.test(line);
    expect(offenders(french, notText)).toEqual([]);
  });

  it('has no words in JSX text outside the catalogues', () => {
    const jsxText = /<\/?[a-zA-Z][^<>]*>\s*[A-Za-zÀ-ÿ]{2,}[^<>{}]*<\//;
    const tsx = files.filter((f) => f.path.endsWith('.tsx'));
    const bad = tsx.flatMap(({ path, code }) => codeOnly(code).split('\n').flatMap((line, i) => (jsxText.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])));
    expect(bad).toEqual([]);
  });

  it('asks the role table (can) instead of comparing roles, and spells out no role or file-kind list', () => {
    expect(offenders(/role\s*[!=]==?\s*['"](owner|staff|viewer)['"]|['"](owner|staff|viewer)['"]\s*[!=]==?\s*role/)).toEqual([]);
    expect(offenders(/['"](owner|staff|viewer)['"]\s*\|\s*['"](owner|staff|viewer)['"]/)).toEqual([]);
    expect(offenders(/['"](fabric|model|portfolio)['"]\s*[|,]\s*['"](fabric|model|portfolio)['"]/)).toEqual([]);
  });
});
