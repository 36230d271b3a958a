import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/testServer.js';
import { createFixtureWorkshop } from './testing/fixtures.js';

let server: TestServer;
let token: string | null = null;
const ownerToken = async () => (token ??= (await createFixtureWorkshop(server.ctx)).owner.token);

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: 'https://app.styliste.bj', BODY_LIMIT: '2kb' });
});
afterAll(async () => {
  await server.close();
});

describe('the HTTP contract', () => {
  it('answers /healthz and exposes Prometheus metrics', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/healthz"[^}]*\} \d+/);
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('documents every API endpoint in the OpenAPI document generated from the zod schemas', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} /api${path}`)));
    const registered = server.ctx.api.routes.map((r) => `${r.method} /api${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(0);
    for (const route of registered) expect(documented).toContain(route);
    expect(doc.paths['/sync']!.post).toMatchObject({ requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } });
    // What the server validates is what the document says: ids are UUIDs everywhere (one idSchema).
    expect(doc.paths['/sync']!.post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { properties: { deviceId: { format: 'uuid' }, mutations: { maxItems: 1000, items: { properties: { id: { format: 'uuid' }, rowId: { format: 'uuid' } } } } } } } } },
    });
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods) as { parameters?: { name: string; in: string; schema: { format?: string } }[] }[]) {
        for (const p of op.parameters ?? []) if (p.in === 'path' && /^(id|orderId)$/.test(p.name)) expect(p.schema.format, `${path} ${p.name}`).toBe('uuid');
      }
    }
  });

  it('answers errors as JSON in French by default, English on request, without stack traces', async () => {
    const notFound = await fetch(`${server.url}/api/nothing-here`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: 'not_found', message: 'Adresse inconnue.' } });
    const english = await fetch(`${server.url}/api/nothing-here`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe('Unknown address.');
    for (const path of ['/api/auth/login', '/api/sync']) {
      const badJson = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await ownerToken()}` }, body: '{"protocol":' });
      expect(badJson.status).toBe(400);
      const body = await badJson.text();
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'invalid_json' } });
      expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('does not read a sync body before the token is checked', async () => {
    const anonymous = await fetch(`${server.url}/api/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"protocol":' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('refuses bodies over the limit with 413, not a 5xx', async () => {
    const big = JSON.stringify({ protocol: 1, padding: 'x'.repeat(5000) });
    for (const path of ['/api/auth/login', '/api/sync']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await ownerToken()}` }, body: big });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    }
  });

  it('allows only the configured origins (CORS)', async () => {
    const allowed = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://app.styliste.bj' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.styliste.bj');
    const other = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps API answers lean but gives pages the security headers', async () => {
    const api = await fetch(`${server.url}/api/nothing-here`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect(api.headers.get('x-powered-by')).toBeNull();
    const page = await fetch(`${server.url}/healthz`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
