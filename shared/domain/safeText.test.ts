import { describe, expect, test } from 'vitest';
import { findJsonProblem, refusedProblem, stripControls, unstorableProblem } from './safeText.js';
import { emailSchema, idSchema, isoDateSchema, isoDateTimeSchema, jsonRecordSchema, notesText, optionalText, requiredText, searchText, timezoneSchema } from './fields.js';
import { optionalPhoneSchema, phoneSchema } from './phone.js';
import { parseInput } from './validation.js';
import { isEngineError } from './errors.js';
import { ROW_SCHEMAS, PATCH_SCHEMAS } from './rowSchemas.js';
import { customMeasurementFieldSchema, measurementFieldKeySchema } from './measurements.js';
import { countrySchema } from './workshop.js';
import { searchClientsInput } from './clients.js';

const LONE_HIGH = String.fromCharCode(0xd800);
const LONE_LOW = String.fromCharCode(0xdfff);
/** Every hostile kind of character the HTTP test sends too. */
const HOSTILE = ['\u0000', '\u0007', '\u001b', '\u0085', '\u007f', LONE_HIGH, LONE_LOW, '\ufffe', '\uffff', '\t', '\n', '\r'];

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isEngineError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the rules', () => {
  test('NUL, lone surrogates and non-characters are refused; pairs (emoji) are text', () => {
    expect(refusedProblem('a\u0000b')).toBe('nul');
    expect(refusedProblem(`a${LONE_HIGH}b`)).toBe('surrogate');
    expect(refusedProblem(`a${LONE_LOW}`)).toBe('surrogate');
    expect(refusedProblem(`${LONE_LOW}${LONE_HIGH}`)).toBe('surrogate');
    expect(refusedProblem('a\uffffb')).toBe('noncharacter');
    expect(refusedProblem('Aïcha 👗 Houngbédji\u00a0✂️')).toBeNull();
    expect(unstorableProblem('a\uffff')).toBeNull();
  });

  test('stray controls are removed; a line keeps no break, notes keep them', () => {
    expect(stripControls('Ai\u0007cha\u001b[0m \u0085Dossou\u007f', 'line')).toBe('Aicha[0m Dossou');
    expect(stripControls('Aïcha\r\n\tDossou', 'line')).toBe('Aïcha Dossou');
    expect(stripControls('ligne 1\r\nligne 2\n\tretrait\u0085', 'lines')).toBe('ligne 1\r\nligne 2\n\tretrait');
  });

  test('JSON values are walked without recursion, with the path of the first problem', () => {
    expect(findJsonProblem({ a: [1, { b: 'x\u0000' }] })).toEqual({ kind: 'nul', path: ['a', '1', 'b'] });
    expect(findJsonProblem({ ['k\u0000']: 1 })).toEqual({ kind: 'nul', path: ['k\u0000'] });
    expect(findJsonProblem(JSON.parse('{"x":{"__proto__":{"polluted":true}}}'))).toEqual({ kind: 'forbiddenKey', path: ['x'], key: '__proto__' });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findJsonProblem(deep, 64)).toMatchObject({ kind: 'tooDeep', max: 64 });
    expect(findJsonProblem({ a: { b: ['ok', 1, null, true] } }, 3)).toBeNull();
    expect(findJsonProblem({ a: { b: [] } }, 2)).toMatchObject({ kind: 'tooDeep', path: ['a', 'b'] });
  });
});

describe('the shared text schemas use them', () => {
  test('a name: NUL refused with a French message naming the field, junk removed', () => {
    const message = messageOf(() => parseInput(ROW_SCHEMAS.clients.partial(), { name: 'Aïcha\u0000' }));
    expect(message).toMatch(/caractère nul/);
    expect(message).toMatch(/^Nom/);
    expect(messageOf(() => parseInput(requiredText(120), `A${LONE_HIGH}`))).toMatch(/mal encodé/);
    expect(parseInput(requiredText(120), ' \u0007Aïcha\nDossou\u0085 ')).toBe('Aïcha Dossou');
    // Nothing left once the junk is gone: "missing", as for an empty name.
    expect(messageOf(() => parseInput(requiredText(120, 'Le nom est obligatoire'), '\u0007\u001b'))).toBe('Le nom est obligatoire');
  });

  test('notes keep their lines and lose the rest; optional text is one line', () => {
    expect(parseInput(notesText(2000), 'Col mao\n\tpoches\u0007')).toBe('Col mao\n\tpoches');
    expect(parseInput(optionalText(80), 'Porto\nNovo')).toBe('Porto Novo');
    expect(parseInput(optionalText(80), '\u0007')).toBeNull();
    expect(messageOf(() => parseInput(notesText(2000), 'a\u0000'))).toMatch(/caractère nul/);
    expect(parseInput(searchText(100), 'Aï\u0007cha')).toBe('Aïcha');
  });

  test('every text field of every synced table refuses NUL and lone surrogates', () => {
    const textFields: [keyof typeof ROW_SCHEMAS, string][] = [
      ['workshop', 'name'], ['workshop', 'city'], ['garment_types', 'name'], ['members', 'name'],
      ['clients', 'name'], ['clients', 'notes'], ['clients', 'email'], ['clients', 'phone'], ['clients', 'whatsapp'],
      ['measurement_sheets', 'note'], ['orders', 'description'], ['orders', 'internalNote'], ['orders', 'number'],
      ['payments', 'note'], ['fittings', 'note'], ['workshop', 'phone'], ['workshop', 'timezone'], ['workshop', 'country'],
    ];
    for (const [table, field] of textFields) {
      for (const bad of ['\u0000', LONE_HIGH, LONE_LOW]) {
        const result = PATCH_SCHEMAS[table].safeParse({ [field]: `Texte${bad}x` });
        expect(result.success, `${table}.${field} with U+${bad.charCodeAt(0).toString(16)}`).toBe(false);
      }
    }
  });

  test('order_events.data: no NUL, no lone surrogate, no __proto__, bounded depth', () => {
    expect(jsonRecordSchema.safeParse({ note: 'ok\nok', amount: 5000 }).success).toBe(true);
    expect(jsonRecordSchema.safeParse({ note: 'a\u0000' }).success).toBe(false);
    expect(jsonRecordSchema.safeParse({ [`k${LONE_HIGH}`]: 1 }).success).toBe(false);
    expect(jsonRecordSchema.safeParse(JSON.parse('{"__proto__":{"x":1}}')).success).toBe(false);
    const deep = JSON.parse('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    const message = messageOf(() => parseInput(PATCH_SCHEMAS.order_events, { data: deep }));
    expect(message).toMatch(/trop imbriquées/);
  });

  test('formats refuse every hostile character without throwing', () => {
    const formats = {
      idSchema, isoDateSchema, isoDateTimeSchema, emailSchema, timezoneSchema, phoneSchema, optionalPhoneSchema,
      countrySchema, measurementFieldKeySchema,
    };
    const valid: Record<keyof typeof formats, string> = {
      idSchema: '01890a5d-ac96-774b-bcce-b302099a8057',
      isoDateSchema: '2026-11-25',
      isoDateTimeSchema: '2026-11-25T10:00:00.000Z',
      emailSchema: 'grace@example.com',
      timezoneSchema: 'Africa/Porto-Novo',
      phoneSchema: '+2290197000000',
      optionalPhoneSchema: '01 97 00 00 00',
      countrySchema: 'BJ',
      measurementFieldKeySchema: 'tour_de_poitrine',
    };
    for (const [name, schema] of Object.entries(formats)) {
      const good = valid[name as keyof typeof formats];
      expect(schema.safeParse(good).success, `${name} accepts ${good}`).toBe(true);
      // Tabs and line breaks around a value are whitespace that formats trim; inside, refused.
      for (const bad of HOSTILE.filter((c) => !'\t\n\r'.includes(c))) {
        for (const where of [`${bad}${good}`, `${good.slice(0, 3)}${bad}${good.slice(3)}`]) {
          expect(() => schema.safeParse(where)).not.toThrow();
          expect(schema.safeParse(where).success, `${name} refuses U+${bad.charCodeAt(0).toString(16)}`).toBe(false);
        }
      }
    }
    expect(emailSchema.safeParse('grace\t@example.com').success).toBe(false);
    expect(emailSchema.parse(' Grace@Example.com\n')).toBe('grace@example.com');
  });

  test('a custom measurement label and a client search are cleaned too', () => {
    expect(customMeasurementFieldSchema.parse({ key: 'tour_x', label: 'Tour\u0007 X' }).label).toBe('Tour X');
    expect(customMeasurementFieldSchema.safeParse({ key: 'tour_x', label: 'Tour\u0000' }).success).toBe(false);
    expect(searchClientsInput.safeParse({ query: 'a\u0000' }).success).toBe(false);
  });
});
