/**
 * leanFetch against real node:http/https servers on 127.0.0.1: the exact bytes it puts on the
 * wire (compared with globalThis.fetch), connection reuse, decoding, bodies, aborts, failures.
 * Through the real hub (SyncClient, photos): leanFetch.cloud.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../sqlite/testing.js';
import { createLeanFetch, type LeanFetch } from './leanFetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** A real server on 127.0.0.1 that counts its connections and keeps every byte it received. */
interface Served {
  url: string;
  connections: number;
  /** Per connection, the raw bytes received (http only). */
  raw: Buffer[][];
  /** Header names of each request, lower case, in the order sent. */
  headerNames: string[][];
  close(): Promise<void>;
}

const servers: Served[] = [];
const fetches: LeanFetch[] = [];

async function serve(handler: Handler, tls?: { key: string; cert: string }): Promise<Served> {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      served.headerNames.push(req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
      handler(req, res, Buffer.concat(chunks));
    });
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
  const served: Served = {
    url: '',
    connections: 0,
    raw: [],
    headerNames: [],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', (socket) => {
    served.connections += 1;
    const bytes: Buffer[] = [];
    served.raw.push(bytes);
    if (!tls) socket.on('data', (chunk: Buffer) => bytes.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  served.url = `${tls ? 'https' : 'http'}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  servers.push(served);
  return served;
}

function lean(options?: Parameters<typeof createLeanFetch>[0]): LeanFetch {
  const f = createLeanFetch(options);
  fetches.push(f);
  return f;
}

/** The first request head a connection carried, final CRLF included. */
function firstHead(bytes: Buffer[]): string {
  const all = Buffer.concat(bytes).toString('latin1');
  return all.slice(0, all.indexOf('\r\n\r\n') + 4);
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};
const failed = { name: 'TypeError', message: 'fetch failed' };
const SYNC_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1IjoiQUJDIn0.c2lnbmF0dXJl', 'accept-encoding': 'br, gzip' };
const SYNC_BODY = JSON.stringify({ protocol: 1, deviceId: '0191d5a3-0000-7000-8000-000000000001', cursor: '42', mutations: [] });

afterEach(async () => {
  for (const f of fetches.splice(0)) f.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('leanFetch on the wire', () => {
  it('sends the caller’s headers, Host and Content-Length, nothing else', async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }));
    const f = lean();
    const posted = await f(`${server.url}/api/sync`, { method: 'POST', headers: SYNC_HEADERS, body: SYNC_BODY });
    expect(await posted.json()).toEqual({ ok: true });
    // A GET without headers: Host alone (no Content-Length, no Accept-Encoding of our own).
    await (await f(`${server.url}/healthz`)).text();
    expect(server.headerNames.map((names) => [...names].sort())).toEqual([['accept-encoding', 'authorization', 'content-length', 'content-type', 'host'], ['host']]);
    const head = firstHead(server.raw[0]!);
    expect(head).toMatch(new RegExp(`content-length: ${SYNC_BODY.length}\\r\\n`, 'i'));
    expect(head).not.toMatch(/^(connection|accept|accept-language|user-agent|sec-fetch-mode):/im);
  });

  it('puts a smaller request head on the wire than globalThis.fetch, by exactly the lines undici adds', async () => {
    const heads: Record<'lean' | 'undici', string> = { lean: '', undici: '' };
    for (const [name, f] of [['lean', lean()], ['undici', globalThis.fetch]] as const) {
      const server = await serve((_req, res) => json(res, 200, { ok: true }));
      await (await f(`${server.url}/api/sync`, { method: 'POST', headers: SYNC_HEADERS, body: SYNC_BODY })).text();
      heads[name] = firstHead(server.raw[0]!);
    }
    const bytes = (head: string) => Buffer.byteLength(head, 'latin1');
    const added = heads.undici
      .split('\r\n')
      .filter((line) => /^(accept|accept-language|sec-fetch-mode|user-agent|connection):/i.test(line))
      .reduce((sum, line) => sum + bytes(line) + 2, 0);
    console.log(`request head: leanFetch ${bytes(heads.lean)} B, globalThis.fetch ${bytes(heads.undici)} B (undici's own lines: ${added} B)`);
    expect(added).toBeGreaterThanOrEqual(90);
    expect(bytes(heads.lean)).toBe(bytes(heads.undici) - added);
  });

  it('keeps one connection for sequential requests (no Connection header needed)', async () => {
    const server = await serve((req, res) => json(res, 200, { path: req.url }));
    const f = lean();
    for (let i = 0; i < 5; i++) {
      const response = await f(`${server.url}/n/${i}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await response.json()).toEqual({ path: `/n/${i}` });
    }
    expect(server.headerNames).toHaveLength(5);
    expect(server.connections).toBe(1);
    expect(Buffer.concat(server.raw[0]!).toString('latin1')).not.toMatch(/^connection:/im);
  });

  it('decodes br, gzip and deflate answers when the caller asked for them, and drops their encoding headers', async () => {
    const text = JSON.stringify({ changes: Array.from({ length: 200 }, (_, i) => ({ rowId: `row-${i}`, fields: { name: 'Aïcha' } })) });
    const encode = { br: brotliCompressSync, gzip: gzipSync, deflate: deflateSync, identity: (b: Buffer) => b };
    const server = await serve((req, res) => {
      const encoding = req.url!.slice(1) as keyof typeof encode;
      const payload = encode[encoding](Buffer.from(text));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': payload.length, 'x-sent': String(payload.length) });
      res.end(payload);
    });
    const f = lean();
    for (const encoding of ['br', 'gzip', 'deflate', 'identity'] as const) {
      const response = await f(`${server.url}/${encoding}`, { headers: { 'accept-encoding': encoding } });
      expect(await response.text()).toBe(text);
      expect(response.headers.get('content-type')).toBe('application/json');
      if (encoding !== 'identity') {
        expect(Number(response.headers.get('x-sent'))).toBeLessThan(text.length / 4);
        expect(response.headers.get('content-encoding')).toBeNull();
        expect(response.headers.get('content-length')).toBeNull();
      }
    }
    expect(server.connections).toBe(1);
  });

  it('sends a JSON body given as a string, bytes or an ArrayBuffer, and reads the JSON answer', async () => {
    const server = await serve((req, res, body) => json(res, 201, { method: req.method, echo: JSON.parse(body.toString('utf8')) as unknown }));
    const f = lean();
    const value = { name: 'Aïcha Dossou', amounts: [5000, 15000] };
    const text = JSON.stringify(value);
    const bytes = new TextEncoder().encode(`  ${text}  `).subarray(2, -2);
    for (const body of [text, bytes, bytes.slice().buffer, Buffer.from(text)]) {
      const response = await f(`${server.url}/echo`, { method: 'put', headers: [['content-type', 'application/json']], body });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ method: 'PUT', echo: value });
    }
    const request = new Request(`${server.url}/echo`, { method: 'POST', headers: new Headers({ 'content-type': 'application/json' }), body: text });
    expect(await (await f(request)).json()).toEqual({ method: 'POST', echo: value });
  });

  it('closes an idle connection after keepAliveMs, but never cuts a slow answer', async () => {
    const server = await serve((req, res) => setTimeout(() => json(res, 200, { path: req.url }), req.url === '/slow' ? 300 : 0));
    const f = lean({ keepAliveMs: 100 });
    expect(await (await f(`${server.url}/slow`)).json()).toEqual({ path: '/slow' });
    expect(await (await f(`${server.url}/quick`)).json()).toEqual({ path: '/quick' });
    expect(server.connections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await (await f(`${server.url}/later`)).json()).toEqual({ path: '/later' });
    expect(server.connections).toBe(2);
  });

  it('refuses bodies it cannot send, before any connection', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const f = lean();
    await expect(f(server.url, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(TypeError);
    await expect(f(server.url, { method: 'POST', body: new URLSearchParams({ a: '1' }) })).rejects.toThrow(TypeError);
    await expect(f(server.url, { method: 'GET', body: 'x' })).rejects.toThrow(TypeError);
    expect(server.connections).toBe(0);
  });

  it('returns error statuses and redirects as answers', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/500') json(res, 500, { error: { code: 'internal' } });
      else if (req.url === '/426') json(res, 426, { error: { code: 'upgrade_required' } });
      else if (req.url === '/204') res.writeHead(204).end();
      else {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      }
    });
    const f = lean();
    const failedAnswer = await f(`${server.url}/500`, { method: 'POST', body: '{}' });
    expect([failedAnswer.status, failedAnswer.statusText, failedAnswer.ok]).toEqual([500, 'Internal Server Error', false]);
    expect(await failedAnswer.json()).toEqual({ error: { code: 'internal' } });
    const upgrade = await f(`${server.url}/426`, { method: 'POST', body: '{}' });
    expect([upgrade.status, await upgrade.json()]).toEqual([426, { error: { code: 'upgrade_required' } }]);
    const redirect = await f(`${server.url}/moved`);
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/elsewhere']);
    const empty = await f(`${server.url}/204`, { method: 'DELETE' });
    expect([empty.status, empty.body]).toEqual([204, null]);
    expect(server.headerNames).toHaveLength(4); // the redirect was not followed
  });
});

describe('leanFetch aborts', () => {
  it('rejects at once with the signal’s reason when it is already aborted', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const controller = new AbortController();
    controller.abort();
    await expect(lean()(server.url, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const reason = new Error('gone');
    await expect(lean()(server.url, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.connections).toBe(0);
  });

  it('rejects while waiting for the answer, and errors the body when aborted in the middle of it', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/silent') return; // never answers
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('the beginning'); // …and the rest never comes
    });
    const f = lean();
    const waiting = new AbortController();
    const pending = f(`${server.url}/silent`, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const reading = new AbortController();
    const response = await f(`${server.url}/half`, { signal: reading.signal });
    expect(response.status).toBe(200);
    const text = response.text();
    setTimeout(() => reading.abort(), 50);
    await expect(text).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('timeouts come from the caller’s signal', async () => {
    const server = await serve(() => undefined);
    await expect(lean()(server.url, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('leanFetch network failures are TypeError("fetch failed"), never a hang', () => {
  it('connection refused', async () => {
    const server = await serve(() => undefined);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await expect(lean()(`${server.url}/api/sync`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ ...failed, cause: { code: 'ECONNREFUSED' } });
  });

  it('the server hangs up before answering', async () => {
    const server = await serve((req) => req.socket.destroy());
    await expect(lean()(server.url, { method: 'POST', body: '{}' })).rejects.toMatchObject(failed);
  });

  it('the connection is cut in the middle of the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"changes":[');
      setTimeout(() => res.socket?.destroy(), 30);
    });
    const response = await lean()(server.url);
    await expect(response.text()).rejects.toMatchObject(failed);
  });

  it('a truncated or corrupt compressed body', async () => {
    const whole = gzipSync(Buffer.from(JSON.stringify({ changes: Array.from({ length: 500 }, (_, i) => `row-${i}`) })));
    const server = await serve((req, res) => {
      const payload = req.url === '/truncated' ? whole.subarray(0, whole.length >> 1) : Buffer.from('certainly not gzip');
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': payload.length });
      res.end(payload);
    });
    const f = lean();
    for (const path of ['/truncated', '/corrupt']) {
      await expect(f(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.text())).rejects.toMatchObject(failed);
    }
  });

  it('an unsupported scheme', async () => {
    await expect(lean()('ftp://127.0.0.1/file')).rejects.toMatchObject(failed);
  });
});

const hasOpenssl = ['/usr/bin/openssl', '/usr/local/bin/openssl', '/bin/openssl'].some((p) => existsSync(p));

describe.skipIf(!hasOpenssl)('leanFetch over https', () => {
  let tls: { key: string; cert: string };
  const dir = tempDir('styliste-leanfetch-tls-');
  beforeAll(() => {
    const key = join(dir.dir, 'key.pem');
    const cert = join(dir.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1'], { stdio: 'ignore' });
    tls = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  });
  afterAll(() => dir.cleanup());

  it('talks to a server whose certificate it trusts, on one kept connection, and refuses others', async () => {
    const server = await serve((req, res, body) => json(res, 200, { path: req.url, body: body.toString('utf8') }), tls);
    const f = lean({ ca: tls.cert });
    for (const path of ['/a', '/b', '/c']) {
      expect(await (await f(`${server.url}${path}`, { method: 'POST', body: 'x' })).json()).toEqual({ path, body: 'x' });
    }
    expect(server.connections).toBe(1);
    await expect(lean()(`${server.url}/a`)).rejects.toMatchObject({ ...failed, cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
  });
});
