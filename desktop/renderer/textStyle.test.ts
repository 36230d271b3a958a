/**
 * The one text style (shared/i18n/texts.ts), kept: a scan of the app, its hosts, the PDF
 * documents, the engine (domain, engine, sync) and the cloud for the ways texts used to be
 * written. Catalogues are `defineTexts({ fr, en })` of plain strings; everything else is code and
 * must not carry words people read, pick a language with a ternary, or spell out the role table.
 * A schema's message is a key of the engine catalogue (`'invalid.…'`), put into words per request
 * by `parseInput` (shared/domain/validation.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The app and what it shows (every check). */
const APP = ['desktop/renderer/src', 'desktop/main', 'desktop/preload', 'shared/host', 'shared/documents'];
/** The engine and the hub (the text checks). */
const ENGINE_AND_CLOUD = ['shared/domain', 'shared/engine', 'shared/sync', 'shared/i18n', 'cloud'];

/**
 * Texts read by whoever runs the server, at start-up, beside its logs (environment checks): not
 * the product's words, like log lines.
 */
const OPERATOR_TEXTS = ['cloud/config.ts', 'cloud/providers/settings.ts'];

/**
 * Files other work owns right now, still to convert (each still offends: remove it from here when
 * it is done, the last test says so). What remains in each is listed in the text-style report.
 */
const PENDING: Record<string, string> = {};

/** Test support: test files, fixtures, `*.testing.ts`, `*Testing.ts`, `testkit.ts`, `testing/` folders. */
function isTestSupport(path: string): boolean {
  return /\.(test|fixture|testing)\.tsx?$|\.d\.ts$|Testing\.ts$|(^|\/)testkit\.ts$|(^|\/)testing\//.test(path);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !isTestSupport(relative(root, path)) ? [path] : [];
  });
}

type Source = { path: string; code: string };
const read = (dirs: string[]): Source[] => dirs.flatMap((dir) => sources(join(root, dir))).map((path) => ({ path: relative(root, path), code: readFileSync(path, 'utf8') }));
const app = read(APP);
const engineAndCloud = read(ENGINE_AND_CLOUD).filter((f) => !OPERATOR_TEXTS.includes(f.path));
const scanned = [...app, ...engineAndCloud].filter((f) => !(f.path in PENDING));

/** The two halves of the engine's catalogue (shared/i18n/index.ts joins them with defineTexts). */
const CATALOGUE_HALVES = ['shared/i18n/fr.ts', 'shared/i18n/en.ts'];

/** Each call `name(...)` of a file (a `defineTexts({` catalogue, a `new Error(` argument), found by matching its parentheses. */
function calls(code: string, name: RegExp, body = /^\s*\{/): { start: number; end: number; body: string }[] {
  const found: { start: number; end: number; body: string }[] = [];
  for (const match of code.matchAll(new RegExp(name.source, 'g'))) {
    const at = match.index;
    const open = at + match[0].length - 1;
    if (code[open] !== '(' || !body.test(code.slice(open + 1))) continue; // an import or a mention
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

const catalogues = (code: string) => calls(code, /defineTexts(<[^>]*>)?\(/);
const wholeFile = (code: string) => [{ start: 0, end: code.length, body: code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '') }];
const cataloguesOf = (file: Source) => (CATALOGUE_HALVES.includes(file.path) ? wholeFile(file.code) : catalogues(file.code));

function blank(code: string, spans: { start: number; end: number }[]): string {
  let out = code;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + out.slice(s.start, s.end).replace(/[^\n]/g, ' ') + out.slice(s.end);
  return out;
}

/** The code with its catalogues and comments blanked out (line numbers kept). */
function codeOnly(code: string, path = ''): string {
  return blank(code, CATALOGUE_HALVES.includes(path) ? wholeFile(code) : catalogues(code))
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * Words for developers, blanked too: a plain Error's message (never shown: the hosts answer
 * "unexpected" and the cloud "internal" for it), a log line, the API's OpenAPI summaries and
 * descriptions (documentation, like comments).
 */
const STRING = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60)`;
const API_DOC = new RegExp(String.raw`\b(?:summary|description):\s*${STRING}(?:\s*\+\s*${STRING})*`, 'g');
/** A regular expression literal (after `(`, `,`, `=`, `:` and the like), whose quotes are not strings. */
const REGEX_LITERAL = /(?<=[(,=:!&|?;{}]\s*)\/(?![*/])(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[dgimsuy]*/g;
function withoutDeveloperText(code: string): string {
  const errors = calls(code, /new (?:Error|TypeError|RangeError|ConfigError)\(/, /^/);
  const docs = [...code.matchAll(API_DOC)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const regexes = [...code.matchAll(REGEX_LITERAL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return blank(code, [...errors, ...docs, ...regexes]);
}

function offenders(files: Source[], pattern: { test(line: string): boolean }, skipLine: (line: string) => boolean = () => false): string[] {
  return files.flatMap(({ path, code }) =>
    codeOnly(withoutDeveloperText(code), path)
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) && !skipLine(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const TERNARY = /locale\s*===?\s*['"](fr|en)['"]\s*\?|['"](fr|en)['"]\s*===?\s*locale\s*\?|\bfr\s*\?\s*`|\bfr\s*\?\s*['"]/;
const PAIR = /\{\s*fr:\s*['"`]/;
/**
 * A string literal that reads French: accents, French quotes, or French typography's space before
 * a colon (« Code invalide : x »). Literals are taken left to right, so `'a' ? b : ''` is two.
 */
const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const FRENCH_WORDS = /[àâçéèêëîïôûùüÿœ«»’]|[\p{L}\d)}] :(?: |$)/iu;
const FRENCH = { test: (line: string) => [...line.matchAll(LITERAL)].some((m) => FRENCH_WORDS.test(m[0].slice(1, -1))) };
// Not texts: a log line for developers, reading the engine's message for the field it names,
// the characters the PDF fonts can draw.
const notText = (line: string) => /\blog\(|\b(log|logger)\??\.(trace|debug|info|warn|error|fatal)\(|console\.|\.includes\(`|WIN_ANSI_EXTRA/.test(line);

/**
 * Every message a zod schema is given, as written: `error: () => '…'`, the last argument of
 * `.min/.max/.int/.length/.regex/.refine(…, '…')`, `message: '…'` of an issue, `requiredText(n, '…')`.
 */
const SCHEMA_MESSAGE = [
  /error:\s*(?:\(\w*\)|\w+)\s*=>\s*\(?\s*(?:[^'"`?]*\?\s*)?(['"])([^'"]+)\1(?:\s*:\s*(['"])([^'"]+)\3)?/g,
  /\.(?:min|max|int|length|regex|refine|nonnegative|positive)\((?:[^()'"`]|\([^()]*\)|\/(?:[^/\\\n]|\\.)+\/[a-z]*)*?,?\s*(['"])([^'"]+)\1\s*\)/g,
  /\bmessage:\s*(['"])([^'"]+)\1/g,
  /requiredText\(\s*\d[\d_]*\s*,\s*(['"])([^'"]+)\1/g,
];
function schemaMessages(files: Source[]): { where: string; message: string }[] {
  return files
    .filter((f) => f.code.includes("from 'zod'"))
    .flatMap(({ path, code }) => {
      const plain = codeOnly(code);
      return SCHEMA_MESSAGE.flatMap((pattern) =>
        [...plain.matchAll(pattern)].flatMap((m) => [m[2], m[4]].filter((s): s is string => s !== undefined).map((message) => ({ where: `${path}:${plain.slice(0, m.index).split('\n').length}`, message }))),
      );
    });
}

describe('the one text style', () => {
  it('scans the app, the hosts, the documents, the engine and the cloud', () => {
    expect(app.length).toBeGreaterThan(60);
    expect(app.some((f) => f.path.endsWith('SyncBar.tsx'))).toBe(true);
    for (const path of ['shared/domain/fields.ts', 'shared/engine/queries/clientQueries.ts', 'shared/sync/hlc.ts', 'cloud/files/routes.ts', 'cloud/http/errors.ts']) {
      expect(scanned.some((f) => f.path === path), path).toBe(true);
    }
    expect(scanned.some((f) => isTestSupport(f.path))).toBe(false);
  });

  it('never picks a text with a ternary on the language', () => {
    expect(offenders(scanned, TERNARY)).toEqual([]);
  });

  it('keeps no {fr, en} pair per key outside a catalogue', () => {
    expect(offenders(scanned, PAIR)).toEqual([]);
  });

  it('writes every screen’s TEXTS as a defineTexts catalogue', () => {
    const bad = app.flatMap(({ path, code }) =>
      code.split('\n').flatMap((line, i) => (/TEXTS\s*(:[^=]+)?=(?!\s*defineTexts)/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });

  it('puts only plain strings in catalogues, placeholders as {name} (no functions, no template literals)', () => {
    const bad = scanned.flatMap((file) =>
      cataloguesOf(file).filter((c) => /=>|`|\$\{/.test(c.body)).map((c) => `${file.path}: ${c.body.slice(0, 80)}`),
    );
    expect(bad).toEqual([]);
    expect(app.filter((f) => catalogues(f.code).length > 0).length).toBeGreaterThan(40);
    expect(engineAndCloud.filter((f) => catalogues(f.code).length > 0).length).toBeGreaterThan(10);
  });

  it('has no words with French accents or French quotes in code (developer texts aside)', () => {
    expect(offenders(scanned, FRENCH, notText)).toEqual([]);
  });

  it('gives every zod schema a catalogue key for a message, never a sentence', () => {
    const found = schemaMessages(scanned);
    expect(found.length).toBeGreaterThan(60);
    expect(found.filter((m) => !Object.hasOwn(messages.fr, m.message)).map((m) => `${m.where}: ${m.message}`)).toEqual([]);
  });

  it('names only keys the engine catalogue has', () => {
    const named = scanned.flatMap(({ path, code }) => [...codeOnly(code).matchAll(/['"`](invalid\.[\w.]+|rule\.\w+|error\.\w+|what\.\w+)['"`]/g)].map((m) => ({ path, key: m[1]! })));
    expect(named.length).toBeGreaterThan(80);
    expect(named.filter((n) => !Object.hasOwn(messages.fr, n.key)).map((n) => `${n.path}: ${n.key}`)).toEqual([]);
  });

  it('has no words in JSX text outside the catalogues', () => {
    const jsxText = /<\/?[a-zA-Z][^<>]*>\s*[A-Za-zÀ-ÿ]{2,}[^<>{}]*<\//;
    const tsx = app.filter((f) => f.path.endsWith('.tsx'));
    const bad = tsx.flatMap(({ path, code }) => codeOnly(code).split('\n').flatMap((line, i) => (jsxText.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])));
    expect(bad).toEqual([]);
  });

  it('asks the role table (can) instead of comparing roles, and spells out no role or file-kind list', () => {
    expect(offenders(app, /role\s*[!=]==?\s*['"](owner|staff|viewer)['"]|['"](owner|staff|viewer)['"]\s*[!=]==?\s*role/)).toEqual([]);
    expect(offenders(app, /['"](owner|staff|viewer)['"]\s*\|\s*['"](owner|staff|viewer)['"]/)).toEqual([]);
    expect(offenders(app, /['"](fabric|model|portfolio)['"]\s*[|,]\s*['"](fabric|model|portfolio)['"]/)).toEqual([]);
  });

  it('still has work in each pending file (an entry that no longer offends must go)', () => {
    const pending = read(ENGINE_AND_CLOUD).filter((f) => f.path in PENDING);
    expect(pending.map((f) => f.path).sort()).toEqual(Object.keys(PENDING).sort());
    for (const file of pending) {
      const left = [...offenders([file], FRENCH, notText), ...offenders([file], PAIR), ...schemaMessages([file]).filter((m) => !Object.hasOwn(messages.fr, m.message))];
      expect(left.length, `${file.path} is clean: remove it from PENDING`).toBeGreaterThan(0);
    }
  });
});
