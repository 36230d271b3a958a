/**
 * Hostile input never gives a 5xx. Every operation of the OpenAPI document (the list comes from
 * the document, so a route added later is walked too) receives NUL, controls, C1 and lone
 * surrogates in every string of its documented body, in its query and path parameters, plus huge,
 * deeply nested, mistyped and `__proto__` bodies. Every answer is below 500 and, when it is an
 * error, in the contract's JSON shape; a NUL or lone surrogate in a JSON body is a 400 naming the
 * field, in French. A sync push with bad text refuses those mutations only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, deviceAtHead, postSync, syncAnswer } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { signedInAdmin, type AdminClient } from '../admin/adminTesting.js';
import {
  bodyWithFragment, HOSTILE_CHARS, HOSTILE_URL_VALUES, hostileFragments, isUnstorable, operationsOf, sampleOf, stringPaths,
  type Operation,
} from './testkit.js';

let server: TestServer;
let ownerToken: string;
/** Admin operations are fuzzed inside a superadmin's session (cookie and CSRF token), so their bodies reach the handlers. */
let admin: AdminClient;
let shop: FixtureWorkshop;
let operations: Operation[];
let sent = 0;

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

const ANSWER_WITHIN_MS = 10_000;

async function send(op: Operation, options: { path?: string; query?: string; body?: string | Buffer; contentType?: string } = {}): Promise<Answer> {
  const path = options.path ?? concretePath(op);
  const url = `${server.url}${path}${options.query ? `?${options.query}` : ''}`;
  const hasBody = op.method !== 'get' && op.method !== 'head';
  const body = hasBody ? (options.body ?? (op.body ? JSON.stringify(sampleOf(op.body)) : op.rawBody ? Buffer.from('pas une image') : undefined)) : undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${ownerToken}` };
  // Not the sign-out: it would close the session the other admin operations are fuzzed in.
  if ((op.access === 'admin' || op.access === 'superadmin') && !op.path.endsWith('/admin/logout')) {
    headers.cookie = admin.cookie;
    headers['x-csrf-token'] = admin.session.csrfToken;
  }
  if (body !== undefined) headers['content-type'] = options.contentType ?? (op.rawBody && options.body === undefined ? op.rawBody : 'application/json');
  sent += 1;
  const response = await fetch(url, { method: op.method.toUpperCase(), headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body), signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: checked below for error answers
  }
  return { status: response.status, body: parsed, text };
}

function concretePath(op: Operation, hostile?: { name: string; value: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (hostile?.name === name) return hostile.value;
    const schema = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
    return encodeURIComponent(String(sampleOf(schema, name)));
  });
}

function validQuery(op: Operation): URLSearchParams {
  const query = new URLSearchParams();
  for (const p of op.parameters.filter((q) => q.in === 'query')) query.set(p.name, String(sampleOf(p.schema, p.name)));
  return query;
}

/** Below 500, and an error answer is `{"error":{"code","message"}}`. */
function expectHandled(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) {
    const error = (answer.body as { error?: { code?: unknown; message?: unknown } })?.error;
    expect(typeof error?.code, `${what}: error shape ${answer.text.slice(0, 200)}`).toBe('string');
    expect(typeof error?.message, `${what}: error shape`).toBe('string');
    expect(answer.text, `${what}: no stack trace`).not.toMatch(/\bat .+\.(ts|js):\d+/);
  }
}

function expectFrenchRefusal(answer: Answer, what: string, field?: string): void {
  expect(answer.status, `${what} → ${answer.text.slice(0, 300)}`).toBe(400);
  const error = (answer.body as { error: { code: string; message: string; field?: string } }).error;
  expect(['invalid_text', 'invalid_json'], what).toContain(error.code);
  expect(error.message, what).toMatch(/[éèàù«]|caractère|requête/);
  if (field && error.code === 'invalid_text') expect(error.field, what).toBe(field);
}

beforeAll(async () => {
  server = await startTestServer();
  const signup = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshopName: 'Atelier Hostile', ownerName: 'Grâce', phone: '01 97 55 44 33', password: 'motdepasse-solide' }),
  });
  expect(signup.status).toBe(201);
  ownerToken = ((await signup.json()) as { accessToken: string }).accessToken;
  admin = await signedInAdmin(server);
  shop = await createFixtureWorkshop(server.ctx);
  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
  operations = operationsOf(doc);
});
afterAll(async () => {
  await server?.close();
});

describe('hostile input, every documented operation', () => {
  it('finds the operations in the OpenAPI document', () => {
    expect(operations.length, 'the document lists no operation').toBeGreaterThan(0);
    const names = operations.map((op) => `${op.method} ${op.path}`);
    for (const known of ['post /api/auth/signup', 'post /api/auth/login', 'post /api/invites', 'post /api/devices', 'post /api/sync']) expect(names).toContain(known);
  });

  it('strings of every documented body: never a 5xx; NUL and lone surrogates refused with 400 naming the field', async () => {
    for (const op of operations.filter((o) => o.body)) {
      const sample = sampleOf(op.body!);
      const paths = stringPaths(op.body!);
      for (const path of paths) {
        for (const code of HOSTILE_CHARS) {
          for (const fragment of hostileFragments(code)) {
            const what = `${op.method} ${op.path} ${path.join('.')} U+${code.toString(16)} ${fragment.length > 6 ? 'inside' : 'alone'}`;
            const answer = await send(op, { body: bodyWithFragment(sample, path, fragment) });
            expectHandled(answer, what);
            // Sync parses its own body after the token: a bad mutation is refused on its own (below).
            // A webhook proves its sender before reading anything: unsigned, it is a 401 (its signed hostile bodies: billing/webhook.test.ts).
            if (op.access === 'webhook') expect(answer.status, what).toBe(401);
            else if (isUnstorable(code) && !op.path.endsWith('/sync')) expectFrenchRefusal(answer, what, path.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'));
          }
        }
      }
    }
  });

  it('NUL in the identifier of a sign-in, without any token: 400 in French, in English on request', async () => {
    const body = '{"identifier":"a\\u0000@b.c","password":"x"}';
    const fr = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(fr.status).toBe(400);
    expect(((await fr.json()) as { error: { message: string } }).error.message).toBe('Le champ « identifier » contient un caractère nul (U+0000), refusé.');
    const en = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body });
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^The field “identifier” contains a NUL/);
  });

  it('query and path parameters: never a 5xx; a NUL is a 400', async () => {
    for (const op of operations) {
      for (const value of HOSTILE_URL_VALUES) {
        const query = validQuery(op);
        const names = [...new Set([...op.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'q'])];
        for (const name of names) {
          const text = `${[...query].filter(([k]) => k !== name).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}&${name}=${value}`;
          const answer = await send(op, { query: text });
          expectHandled(answer, `${op.method} ${op.path} ?${name}=${value}`);
          if (value.includes('%00')) expectFrenchRefusal(answer, `${op.method} ${op.path} ?${name}=${value}`);
        }
        for (const param of op.parameters.filter((p) => p.in === 'path')) {
          const what = `${op.method} ${op.path} {${param.name}}=${value}`;
          const answer = await send(op, { path: concretePath(op, { name: param.name, value }), query: validQuery(op).toString() });
          expectHandled(answer, what);
          if (value.includes('%00') || value.startsWith('%ED')) expect(answer.status, what).toBe(400);
        }
      }
    }
  });

  it('huge, deeply nested, mistyped, non-object and __proto__ bodies: never a 5xx, answered quickly', async () => {
    const limit = 1024 * 1024;
    const deepArrays = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObjects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    for (const op of operations.filter((o) => o.method !== 'get')) {
      const sample = op.body ? (sampleOf(op.body) as Record<string, unknown>) : {};
      const bodies: [string, string][] = [
        ['huge', JSON.stringify({ ...sample, pad: 'x'.repeat(limit + 10) })],
        ['deep arrays', deepArrays],
        ['deep objects', deepObjects],
        ['deep inside a field', JSON.stringify(sample).replace(/^\{/, `{"nested":${deepArrays},`)],
        ['array', JSON.stringify([sample])],
        ['string', '"texte"'],
        ['number', '42'],
        ['null', 'null'],
        ['truncated', '{"a":'],
        ['raw NUL outside strings', '{\u0000}'],
        ['__proto__', `{"__proto__":{"isAdmin":true},${JSON.stringify(sample).slice(1)}`],
        ['constructor.prototype', JSON.stringify({ ...sample, constructor: { prototype: { isAdmin: true } } })],
      ];
      for (const key of Object.keys(sample)) {
        for (const wrong of [12345, true, null, {}, [], ['a', 'b'], { $gt: '' }]) bodies.push([`${key} = ${JSON.stringify(wrong)}`, JSON.stringify({ ...sample, [key]: wrong })]);
      }
      for (const [name, body] of bodies) {
        const started = Date.now();
        const answer = await send(op, { body, contentType: 'application/json' });
        expectHandled(answer, `${op.method} ${op.path} ${name}`);
        expect(Date.now() - started, `${op.method} ${op.path} ${name}: quick`).toBeLessThan(5_000);
        if (name === 'huge') expect(answer.status, `${op.method} ${op.path} huge`).toBe(413);
        if (name.startsWith('deep') || name === '__proto__') expect(answer.status, `${op.method} ${op.path} ${name}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(sent).toBeGreaterThan(operations.length * 10);
  });
});

describe('hostile text in a sync push', () => {
  it('refuses the mutations with NUL or a lone surrogate (invalid), applies the others, strips stray controls', async () => {
    const device = await deviceAtHead(server.url, shop.owner.token);
    const good = device.mutation('clients', newId(), clientRow('Aïcha Dossou'));
    const pasted = device.mutation('clients', newId(), { ...clientRow('Afi\u0007 Mensah\u0085'), notes: 'Col mao\n\u001b[31mpoches' });
    const nulName = device.mutation('clients', newId(), clientRow('Koffi\u0000'));
    const nulNotes = device.mutation('clients', newId(), { ...clientRow('Koffi'), notes: 'a\u0000b' });
    const lone = device.mutation('clients', newId(), clientRow(`Yawa${String.fromCharCode(0xd800)}`));
    const eventNul = device.mutation('order_events', newId(), { orderId: newId(), at: new Date().toISOString(), by: null, type: 'status', data: { note: 'x\u0000' } });
    const eventDeep = device.mutation('order_events', newId(), { orderId: newId(), at: new Date().toISOString(), by: null, type: 'status', data: { a: '__DEEP__' } });
    // 100,000 levels inside one mutation's data, written as JSON text (JSON.stringify would overflow).
    const text = JSON.stringify(device.body([good, nulName, pasted, nulNotes, lone, eventNul, eventDeep])).replace('"__DEEP__"', () => '['.repeat(100_000) + ']'.repeat(100_000));
    const answer = syncAnswer(await postSync(server.url, shop.owner.token, text));
    expect(answer.acked.sort()).toEqual([good.id, pasted.id].sort());
    const rejected = new Map(answer.rejected.map((r) => [r.id, r]));
    for (const bad of [nulName, nulNotes, lone, eventNul, eventDeep]) expect(rejected.get(bad.id)?.code, bad.table).toBe('invalid');
    expect(rejected.get(nulName.id)?.message).toMatch(/^Nom.*caractère nul/);
    expect(rejected.get(nulNotes.id)?.message).toMatch(/caractère nul/);
    expect(rejected.get(lone.id)?.message).toMatch(/mal encodé/);

    const stored = await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      rows<{ id: string; name: string; notes: string | null }>(tx, sql`SELECT id, name, notes FROM clients WHERE workshop_id = ${shop.workshopId}`),
    );
    expect(stored.map((r) => r.id).sort()).toEqual([good.rowId, pasted.rowId].sort());
    expect(stored.find((r) => r.id === pasted.rowId)).toMatchObject({ name: 'Afi Mensah', notes: 'Col mao\n[31mpoches' });
  });
});
