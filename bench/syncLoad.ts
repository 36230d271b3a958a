/**
 * The load generator of the sync benchmark: N devices, each on its own keep-alive connection
 * (one node:http Agent with one socket per device), each sending the same request in a loop
 * for a while — by default the sync with nothing to do: its own token, device id and a cursor
 * at the workshop's head. Latency is measured per request, from the write to the last byte of
 * the answer. The same request shape is sent to the bare Express baseline.
 */
import { Agent, request } from 'node:http';

export interface LoadDevice {
  token: string;
  body: string;
}

export interface LoadResult {
  label: string;
  devices: number;
  seconds: number;
  requests: number;
  perSecond: number;
  errors: number;
  firstError: string | null;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** New connections opened during the measured window (0: all kept alive). */
  reconnects: number;
}

/** Headers the real fetch (undici) adds to a sync request, so the load looks like the real thing. */
export const FETCH_HEADERS: Record<string, string> = {
  accept: '*/*',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'user-agent': 'node',
  'accept-encoding': 'gzip, deflate',
};

interface Shot {
  ms: number;
  ok: boolean;
  error?: string;
}

function shoot(url: URL, path: string, agent: Agent, device: LoadDevice, check: (body: string) => boolean): Promise<Shot> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: { ...FETCH_HEADERS, 'content-type': 'application/json', authorization: `Bearer ${device.token}`, 'content-length': Buffer.byteLength(device.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - start;
          const body = Buffer.concat(chunks).toString('utf8');
          const ok = res.statusCode === 200 && check(body);
          resolve(ok ? { ms, ok } : { ms, ok, error: `${res.statusCode} ${body.slice(0, 200)}` });
        });
        res.on('error', (e) => resolve({ ms: performance.now() - start, ok: false, error: e.message }));
      },
    );
    req.on('error', (e) => resolve({ ms: performance.now() - start, ok: false, error: e.message }));
    req.end(device.body);
  });
}

const quantile = (sorted: Float64Array, q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);

export interface LoadOptions {
  label: string;
  baseUrl: string;
  path: string;
  devices: LoadDevice[];
  warmupSeconds: number;
  seconds: number;
  /** Whether an answer is the expected one (status 200 is checked too). */
  check: (body: string) => boolean;
  /** Called when the measured window opens and when it closes (CPU and database counters). */
  onWindow?: (phase: 'start' | 'end') => void;
}

/** Every device loops (one request in flight each) for warm-up + measured seconds. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  let sockets = 0;
  const agents = options.devices.map(() => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 10_000 });
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (...args: Parameters<typeof create>) => {
      sockets += 1;
      return create(...args);
    };
    return agent;
  });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let measuring = false;
  let socketsAtStart = 0;
  const t0 = performance.now();
  const warmEnd = t0 + options.warmupSeconds * 1000;
  const end = warmEnd + options.seconds * 1000;
  let measuredStart = warmEnd;
  let measuredEnd = end;
  const timer = setTimeout(() => {
    measuring = true;
    socketsAtStart = sockets;
    measuredStart = performance.now();
    options.onWindow?.('start');
  }, options.warmupSeconds * 1000);
  const closer = setTimeout(() => options.onWindow?.('end'), options.warmupSeconds * 1000 + options.seconds * 1000);

  await Promise.all(
    options.devices.map(async (device, i) => {
      while (performance.now() < end) {
        const counted = measuring;
        const shot = await shoot(url, options.path, agents[i]!, device, options.check);
        if (!counted || performance.now() > end) continue;
        latencies.push(shot.ms);
        if (!shot.ok) {
          errors += 1;
          firstError ??= shot.error ?? 'erreur';
        }
      }
    }),
  );
  measuredEnd = Math.min(performance.now(), end);
  clearTimeout(timer);
  clearTimeout(closer);
  for (const a of agents) a.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const seconds = (measuredEnd - measuredStart) / 1000;
  return {
    label: options.label,
    devices: options.devices.length,
    seconds,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    errors,
    firstError,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    reconnects: sockets - socketsAtStart,
  };
}
