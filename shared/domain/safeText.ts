/**
 * What text may contain — the ONE place that decides it, for the engine (both hosts), the hub
 * (which checks pushed mutations with the same row schemas) and the cloud's HTTP guard.
 *
 * Why: Postgres cannot store U+0000 (in `text` or in `jsonb`), and a string holding half of a
 * surrogate pair is not Unicode at all (PGlite and postgres.js then send bytes the server refuses,
 * jsonb refuses the `\ud800` escape). Both used to become HTTP 500s, and a refused value in a
 * sync batch took the whole batch down. Other control characters are storable but are never
 * meant: they arrive by copy-paste (a WhatsApp message, a spreadsheet cell) and then hide in a
 * name or break an SMS.
 *
 * The rules, by kind of text:
 *
 * | character                                         | `line` (names, city…)   | `lines` (notes)         |
 * |---------------------------------------------------|-------------------------|-------------------------|
 * | U+0000 (NUL)                                      | refused                 | refused                 |
 * | lone surrogate (U+D800–U+DFFF without its pair)   | refused                 | refused                 |
 * | U+FFFE, U+FFFF (non-characters: bytes, not text)  | refused                 | refused                 |
 * | tab, line feed, carriage return                   | each run → one space    | kept                    |
 * | other C0 controls (U+0001–U+001F), DEL (U+007F)   | removed                 | removed                 |
 * | C1 controls (U+0080–U+009F, e.g. U+0085 NEL)      | removed                 | removed                 |
 *
 * Refused means a message naming the field, in the user's language (through `parseInput`), never a silent change:
 * NUL, a lone surrogate or a non-character means the bytes were not text (a wrong encoding, a
 * binary paste, a hostile client), and guessing what was meant would store something nobody
 * typed. Removed means the invisible junk of a paste is dropped without bothering the tailor,
 * who could not see it to fix it. Emoji (proper surrogate pairs), accents, non-breaking spaces
 * and the format characters of scripts (zero-width joiners, direction marks) are text and kept.
 *
 * Identifiers, enums, dates, phone numbers and e-mail addresses are not free text: their own
 * formats already refuse every control character (checked in safeText.test.ts). Free-form JSON
 * kept by a row (order_events.data) is checked with `isStorableJson`: no NUL or lone surrogate
 * in any key or string, a bounded depth, no `__proto__` key.
 */
export type TextKind = 'line' | 'lines';

export type TextProblem = 'nul' | 'surrogate' | 'noncharacter';

// What a refusal says: the engine catalogue's `invalid.text.<problem>` (shared/i18n/fr.ts, en.ts).

// Code-unit regular expressions (no `u` flag on purpose: a lone surrogate is one code unit).
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NONCHARACTER = /[\uFFFE\uFFFF]/;
/** Controls removed from every kind of text: C0 except tab, LF, CR; DEL; C1. */
const STRAY_CONTROLS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS_AND_TABS = /[\t\n\r]+/g;
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** What makes a string unstorable (Postgres, Unicode), or null: the HTTP guard's check. */
export function unstorableProblem(s: string): Exclude<TextProblem, 'noncharacter'> | null {
  if (NUL.test(s)) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return null;
}

/** Why a text must be refused, or null (the free-text schemas' check). */
export function refusedProblem(s: string): TextProblem | null {
  return unstorableProblem(s) ?? (NONCHARACTER.test(s) ? 'noncharacter' : null);
}

/** Removes the controls a kind of text does not keep (call after `refusedProblem` said null). */
export function stripControls(s: string, kind: TextKind): string {
  const stripped = s.replace(STRAY_CONTROLS, '');
  return kind === 'line' ? stripped.replace(LINE_BREAKS_AND_TABS, ' ') : stripped;
}

/** True when a string holds any C0 or C1 control character (formats such as e-mail refuse them). */
export function hasControl(s: string): boolean {
  return ANY_CONTROL.test(s);
}

/** Deepest nesting of objects and arrays a stored JSON value may have. */
export const MAX_JSON_DEPTH = 16;

export type JsonProblem =
  | { kind: TextProblem; path: string[] }
  | { kind: 'tooDeep'; path: string[]; max: number }
  | { kind: 'forbiddenKey'; path: string[]; key: string };

/**
 * The first problem of a parsed JSON value (walked without recursion, so that a value nested a
 * hundred thousand levels deep cannot overflow the stack), or null. `maxDepth` counts objects
 * and arrays: `{}` is depth 1.
 */
export function findJsonProblem(value: unknown, maxDepth: number = MAX_JSON_DEPTH, check: (s: string) => TextProblem | null = unstorableProblem): JsonProblem | null {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = check(item.value);
      if (problem) return { kind: problem, path: item.path };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return { kind: 'tooDeep', path: item.path, max: maxDepth };
    const entries: [string, unknown][] = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v]) : Object.entries(item.value);
    // Pushed in reverse so that the first problem in reading order is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (!Array.isArray(item.value)) {
        if (key === '__proto__') return { kind: 'forbiddenKey', path: item.path, key };
        const problem = check(key);
        if (problem) return { kind: problem, path: [...item.path, key] };
      }
      stack.push({ value: child, path: [...item.path, key], depth });
    }
  }
  return null;
}
