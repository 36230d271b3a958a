/**
 * Bytes on the wire for the sync benchmark: a tiny TCP proxy (node:net) between the client and
 * the server that counts every byte in each direction (request and status lines, all headers,
 * chunk framing, bodies as sent), and can keep a copy of the streams to split them back into
 * HTTP/1.1 exchanges (head and body sizes, content-encoding, decoded size). TCP/IP and TLS
 * framing are not counted: what is counted is what HTTP puts on the connection.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface WireTotals {
  /** Client → server bytes. */
  up: number;
  /** Server → client bytes. */
  down: number;
  /** TCP connections opened through the proxy. */
  connections: number;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  requestHead: string;
  responseHead: string;
  requestHeadBytes: number;
  requestBodyBytes: number;
  requestEncoding: string | null;
  requestDecodedBytes: number;
  responseHeadBytes: number;
  /** Body bytes as they travelled, chunk framing included. */
  responseBodyBytes: number;
  /** The (possibly compressed) payload without chunk framing. */
  responsePayloadBytes: number;
  responseEncoding: string | null;
  responseDecodedBytes: number;
  /** The decoded response body (kept only when small, for printing). */
  responseText: string | null;
  /** The decoded response body. */
  responseDecoded: Buffer;
}

interface Capture {
  up: Buffer[];
  down: Buffer[];
}

export class WireProxy {
  private server: Server | null = null;
  private totals: WireTotals = { up: 0, down: 0, connections: 0 };
  private capturing = false;
  private readonly captures = new Set<Capture>();
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(private readonly target: { host: string; port: number }) {}

  static async start(targetUrl: string): Promise<WireProxy> {
    const target = new URL(targetUrl);
    const proxy = new WireProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.listen();
    return proxy;
  }

  private listen(): Promise<void> {
    return new Promise((resolve) => {
      this.server = createServer((client) => this.accept(client));
      this.server.listen(0, '127.0.0.1', () => {
        const address = this.server!.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        this.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.totals.connections += 1;
    const capture: Capture = { up: [], down: [] };
    this.captures.add(capture);
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk: Buffer) => {
      this.totals.up += chunk.length;
      if (this.capturing) capture.up.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      this.totals.down += chunk.length;
      if (this.capturing) capture.down.push(chunk);
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }

  /**
   * Zero the counters; with `capture`, keep a copy of every stream from now on (open keep-alive
   * connections included: call it between requests, never during one).
   */
  reset(capture = false): void {
    this.totals = { up: 0, down: 0, connections: 0 };
    for (const c of this.captures) {
      c.up = [];
      c.down = [];
    }
    this.capturing = capture;
  }

  read(): WireTotals {
    return { ...this.totals };
  }

  /** The captured streams split into HTTP/1.1 exchanges, in order per connection. */
  exchanges(): Exchange[] {
    const out: Exchange[] = [];
    for (const c of this.captures) if (c.up.length > 0) out.push(...splitExchanges(Buffer.concat(c.up), Buffer.concat(c.down)));
    return out;
  }

  /** Close every connection (the client's keep-alive pool goes with it) and stop listening. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Drop open connections, so the next request opens a new one (counted). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

// ---------------------------------------------------------------- HTTP/1.1 splitting

interface Message {
  head: string;
  headBytes: number;
  start: string;
  headers: Map<string, string>;
  bodyBytes: number;
  payload: Buffer;
}

function readMessage(buf: Buffer, at: number, isResponse: boolean): { message: Message; next: number } | null {
  const end = buf.indexOf('\r\n\r\n', at);
  if (end < 0) return null;
  const head = buf.subarray(at, end + 4).toString('latin1');
  const [start = '', ...lines] = head.slice(0, -4).split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let pos = end + 4;
  let payload: Buffer;
  if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1').split(';')[0]!, 16);
      pos = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = buf.indexOf('\r\n', pos);
        if (trailerEnd < 0) return null;
        pos = trailerEnd + 2;
        break;
      }
      parts.push(buf.subarray(pos, pos + size));
      pos += size + 2;
    }
    payload = Buffer.concat(parts);
  } else {
    const length = Number(headers.get('content-length') ?? (isResponse ? NaN : 0));
    const size = Number.isFinite(length) ? length : buf.length - pos;
    payload = buf.subarray(pos, pos + size);
    pos += size;
  }
  return { message: { head, headBytes: end + 4 - at, start, headers, bodyBytes: pos - (end + 4), payload }, next: pos };
}

function decode(payload: Buffer, encoding: string | null): Buffer {
  if (!encoding || encoding === 'identity' || payload.length === 0) return payload;
  if (encoding === 'gzip') return gunzipSync(payload);
  if (encoding === 'br') return brotliDecompressSync(payload);
  if (encoding === 'deflate') return inflateSync(payload);
  throw new Error(`content-encoding inconnu : ${encoding}`);
}

export function splitExchanges(up: Buffer, down: Buffer): Exchange[] {
  const out: Exchange[] = [];
  let u = 0;
  let d = 0;
  for (;;) {
    const req = readMessage(up, u, false);
    const res = readMessage(down, d, true);
    if (!req || !res) break;
    u = req.next;
    d = res.next;
    const [method = '', path = ''] = req.message.start.split(' ');
    const reqEncoding = req.message.headers.get('content-encoding') ?? null;
    const resEncoding = res.message.headers.get('content-encoding') ?? null;
    const decoded = decode(res.message.payload, resEncoding);
    out.push({
      method,
      path,
      status: Number(res.message.start.split(' ')[1]),
      requestHead: req.message.head,
      responseHead: res.message.head,
      requestHeadBytes: req.message.headBytes,
      requestBodyBytes: req.message.bodyBytes,
      requestEncoding: reqEncoding,
      requestDecodedBytes: decode(req.message.payload, reqEncoding).length,
      responseHeadBytes: res.message.headBytes,
      responseBodyBytes: res.message.bodyBytes,
      responsePayloadBytes: res.message.payload.length,
      responseEncoding: resEncoding,
      responseDecodedBytes: decoded.length,
      responseText: decoded.length <= 4096 ? decoded.toString('utf8') : null,
      responseDecoded: decoded,
    });
  }
  return out;
}

/** Bytes each header line takes in a head (name, ": ", value, CRLF), largest first. */
export function headerSizes(head: string): { line: string; bytes: number }[] {
  return head
    .split('\r\n')
    .filter((l) => l.length > 0)
    .map((line) => ({ line, bytes: Buffer.byteLength(line, 'latin1') + 2 }));
}
