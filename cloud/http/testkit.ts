/**
 * Test support for the hostile-input walk: the operations of the OpenAPI document, a plausible
 * value for a JSON schema, the places of a body that hold strings, and hostile strings written
 * as raw JSON text (JSON.stringify would never produce a lone surrogate escape or a raw control).
 */
import { newId } from '../../shared/domain/ids.js';

export interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** As documented, under /api: `/api/members/{id}`. */
  path: string;
  access: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the body is JSON. */
  body?: JsonSchema;
  /** The body's content type when it is not JSON (an upload). */
  rawBody?: string;
}

interface OpenApiOperation {
  'x-access'?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export function operationsOf(doc: { servers?: { url: string }[]; paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const base = doc.servers?.[0]?.url ?? '';
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const raw = Object.keys(content).find((type) => type !== 'application/json');
      return { method, path: `${base}${path}`, access: op['x-access'] ?? 'unknown', parameters: op.parameters ?? [], body: json?.schema, rawBody: raw };
    }),
  );
}

function branch(schema: JsonSchema): JsonSchema {
  return schema.anyOf?.find((s) => s.type !== 'null') ?? schema.oneOf?.[0] ?? schema.allOf?.[0] ?? schema;
}

/** A value the schema would probably accept (good enough to reach the handler in most cases). */
export function sampleOf(input: JsonSchema, name = ''): unknown {
  const schema = branch(input);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, sampleOf(child, key)]));
    case 'array':
      return schema.items ? [sampleOf(schema.items, name)] : [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(1, schema.maximum ?? 1));
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid' || /id$/i.test(name)) return newId();
      if (schema.pattern === '^[0-9a-fA-F]{64}$') return 'ab'.repeat(32);
      if (schema.pattern === '^\\d{6}$') return '123456';
      if (schema.pattern?.includes('\\d{1,18}')) return '0';
      if (/phone/i.test(name)) return '01 97 11 22 33';
      if (/email/i.test(name)) return 'atelier@example.com';
      if (/password/i.test(name)) return 'motdepasse-solide';
      return 'Aïcha Dossou';
    default:
      return 'Aïcha Dossou';
  }
}

/** The path (keys, '0' for array items) of every string in a schema's sample. */
export function stringPaths(input: JsonSchema, at: string[] = []): string[][] {
  const schema = branch(input);
  if (schema.type === 'string' || (schema.enum && schema.enum.every((v) => typeof v === 'string'))) return [at];
  if (schema.type === 'object') return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => stringPaths(child, [...at, key]));
  if (schema.type === 'array' && schema.items) return stringPaths(schema.items, [...at, '0']);
  return [];
}

export function withValueAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[head] = withValueAt((value as Record<string, unknown>)?.[head], rest, replacement);
  return copy;
}

/** Hostile characters: NUL, BEL, ESC, NEL (C1), lone high and low surrogates. */
export const HOSTILE_CHARS = [0x0000, 0x0007, 0x001b, 0x0085, 0xd800, 0xdfff] as const;

export function isUnstorable(code: number): boolean {
  return code === 0 || (code >= 0xd800 && code <= 0xdfff);
}

/**
 * JSON text fragments (with their quotes) holding a hostile character: as a `\uXXXX` escape,
 * alone and inside a name; and written raw for characters that are not surrogates (a raw control
 * inside a JSON string is invalid JSON, a raw NEL is valid).
 */
export function hostileFragments(code: number): string[] {
  const escape = `\\u${code.toString(16).padStart(4, '0')}`;
  const fragments = [`"${escape}"`, `"Aïcha${escape}Dossou"`];
  if (!isUnstorable(code) || code === 0) fragments.push(`"Aïcha${String.fromCharCode(code)}Dossou"`);
  return fragments;
}

/** A sample body as JSON text with one place replaced by a raw JSON fragment. */
export function bodyWithFragment(sample: unknown, path: readonly string[], fragment: string): string {
  const marker = '"__HOSTILE_MARKER__"';
  return JSON.stringify(withValueAt(sample, path, '__HOSTILE_MARKER__')).replace(marker, () => fragment);
}

/** Percent-encoded hostile path or query values (the last two are not valid UTF-8). */
export const HOSTILE_URL_VALUES = ['%00', 'ab%00cd', '%07', '%1B', '%C2%85', '%EF%BF%BF', '%ED%A0%80', '%ED%BF%BF', '%', '%E0%A4'];
