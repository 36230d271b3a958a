/**
 * The desktop's fetch: the same contract as `fetch`, over node:http/https, putting on the wire
 * only what the caller asked for.
 *
 * Why: workshops sync over mobile data, paid by the byte, and a sync with nothing to do must
 * cost ≤ 700 bytes, headers included. Node's fetch (undici) adds to every request `accept: *\/*`,
 * `accept-language: *`, `sec-fetch-mode: cors`, `user-agent: node` and `connection: keep-alive`
 * (~100 B). This one sends the caller's headers, `Host` and `Content-Length`, nothing else:
 *   - no `Connection` header: HTTP/1.1 keeps the connection by default, and the agent does
 *     reuse it (a kept connection also saves the TCP and TLS handshakes, several KB);
 *   - no `Accept-Encoding` and no `Content-Type` of its own: the caller says what it wants
 *     (SyncClient asks for `br, gzip`), and the compressed answer is decoded here;
 *   - redirects are not followed (the API never redirects): a 3xx comes back as it is.
 * As fetch: a global Response with the decoded body (streamed; `url` is left empty), a
 * TypeError('fetch failed', { cause }) for any network or decoding failure (when reading the
 * body if it happens after the headers), the signal's reason on abort. Timeouts are the caller's,
 * through the signal. Bodies: a string, bytes or an ArrayBuffer (all this app sends).
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface LeanFetchOptions {
  /**
   * How long an idle connection waits for the next request (ms). The default outlives the sync
   * loop's 60 s interval, so each sync finds its connection open; a server's `Keep-Alive:
   * timeout=…` hint shortens it (Node's agent closes just before the server would).
   */
  keepAliveMs?: number;
  /** Connections at most per origin (default 6, as browsers). */
  maxSockets?: number;
  /** Extra trusted certificates (PEM) for https: a self-hosted hub, tests. */
  ca?: string | Buffer;
}

export type LeanFetch = typeof fetch & {
  /** Close every connection of this fetch (pooled ones and those in use). */
  close(): void;
};

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH']);

export function createLeanFetch(options: LeanFetchOptions = {}): LeanFetch {
  const idleMs = options.keepAliveMs ?? 75_000;
  // `timeout` is how long a pooled socket may stay idle; TCP keep-alive probes (bytes too) are
  // pushed back to that same moment, so an idle pooled connection sends nothing.
  const agentOptions = { keepAlive: true, keepAliveMsecs: idleMs, timeout: idleMs, maxSockets: options.maxSockets ?? 6, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) });

  const leanFetch = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : input instanceof URL ? input.href : String(input));
    if (url.username || url.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials');
    const rawMethod = init.method ?? request?.method ?? 'GET';
    const method = NORMALISED_METHODS.has(rawMethod.toUpperCase()) ? rawMethod.toUpperCase() : rawMethod;
    const headers = new Headers(init.headers ?? request?.headers);
    const signal = init.signal ?? request?.signal ?? null;
    const body = init.body !== undefined ? bytesOf(init.body) : request?.body ? Buffer.from(await request.arrayBuffer()) : null;
    if (body && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    if (signal?.aborted) throw signal.reason;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('fetch failed', { cause: new Error(`unknown scheme ${url.protocol}`) });
    return send(url.protocol === 'https:' ? httpsAgent : httpAgent, url, method, headers, body, signal);
  };

  return Object.assign(leanFetch, {
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}

function bytesOf(body: BodyInit | null): Buffer | null {
  if (body === null) return null;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('leanFetch: the body must be a string, bytes or an ArrayBuffer.');
}

function send(agent: http.Agent, url: URL, method: string, headers: Headers, body: Buffer | null, signal: AbortSignal | null): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const outgoing: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (name !== 'content-length') outgoing[name] = value;
    });
    // As fetch: a length for every body, and 0 for a bodiless POST/PUT…; none for GET/HEAD.
    if (body || (method !== 'GET' && method !== 'HEAD')) outgoing['content-length'] = String(body?.length ?? 0);

    // 'request': waiting for the answer's head (failures reject); 'body': the Response is out
    // (failures error its body); 'done': nothing more to report.
    let stage: 'request' | 'body' | 'done' = 'request';
    let streams: Readable[] = [];
    let controller: ReadableStreamDefaultController<Uint8Array> | null = null;

    const finish = () => {
      stage = 'done';
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (cause: unknown) => {
      if (stage === 'done') return;
      const error: unknown = signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause });
      const inBody = stage === 'body';
      finish();
      req.destroy(); // the socket goes too: never back to the pool half read
      for (const s of streams) s.destroy();
      if (inBody) controller?.error(error);
      else reject(error);
    };
    const onAbort = () => fail(signal?.reason);

    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers: outgoing, agent });
    if (!headers.has('connection')) req.removeHeader('connection');
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.on('response', (res) => {
      try {
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error('aborted: the connection closed before the end of the answer'));
        });
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const init = { status, statusText: res.statusMessage ?? '', headers: responseHeaders };
        if (method === 'HEAD' || NULL_BODY_STATUS.has(status)) {
          res.resume(); // drain, so the socket goes back to the pool
          finish();
          resolve(new Response(null, init));
          return;
        }
        const decoders = decodersFor(res.headers['content-encoding']);
        streams = [res, ...decoders];
        if (decoders.length > 0) {
          // The body is handed over decoded: its encoding and length no longer describe it.
          responseHeaders.delete('content-encoding');
          responseHeaders.delete('content-length');
        }
        let last: Readable = res;
        for (const decoder of decoders) {
          decoder.on('error', fail);
          last = last.pipe(decoder);
        }
        const responseBody = new ReadableStream<Uint8Array>(
          {
            start: (c) => {
              controller = c;
            },
            pull: () => {
              last.resume();
            },
            cancel: () => {
              finish();
              req.destroy();
              for (const s of streams) s.destroy();
            },
          },
          { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
        );
        last.on('data', (chunk: Buffer) => {
          if (stage !== 'body' || !controller) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) last.pause(); // the reader is behind: wait for pull
        });
        last.on('end', () => {
          if (stage !== 'body') return;
          finish();
          controller?.close();
        });
        const response = new Response(responseBody, init);
        stage = 'body';
        resolve(response);
      } catch (error) {
        fail(error); // e.g. a status or a header value that Response refuses
      }
    });
    req.end(body ?? undefined);
  });
}

/** The decoders for a Content-Encoding, in the order to apply; none when one is unknown (body left as is, as fetch). */
function decodersFor(header: string | undefined): Transform[] {
  const codings = (header ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > 5 || codings.some((c) => !DECODERS[c])) return [];
  return codings.reverse().map((c) => DECODERS[c]!());
}
