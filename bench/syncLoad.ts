/**
 * The load generator of the sync benchmark: N devices, each on its own keep-alive connection
 * (one node:http Agent with one socket per device), each sending the same request for a while —
 * by default the sync with nothing to do: its own token, device id and a cursor at the
 * workshop's head. The same request shape is sent to the bare Express baseline.
 *
 * Two ways to load: closed loop (each device sends its next request as soon as the answer
 * arrives: the server's capacity, where latency is only the queue, 200 devices / rate), and open
 * loop at a given total rate (each device syncs at a steady pace, as real devices do, with a
 * random phase): the latency a device sees at that load, measured from the moment the request
 * was due, so a late send counts as waiting (no coordinated omission).
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

/** What the desktop's sync sends besides Host and Content-Length (desktop/main/leanFetch.ts + SyncClient). */
export const CLIENT_HEADERS: Record<string, string> = {
  'accept-encoding': 'br, gzip',
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
        headers: { ...CLIENT_HEADERS, 'content-type': 'application/json', authorization: `Bearer ${device.token}`, 'content-length': Buffer.byteLength(device.body) },
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

/**
 * One sync per device, a few at a time, before any measured run: a device registers at its first
 * sync (a write under the workshop's lock), once in its life — not what the load measures.
 */
export async function registerDevices(baseUrl: string, path: string, devices: LoadDevice[], concurrency = 10): Promise<void> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const worker = async () => {
    while (next < devices.length) {
      const device = devices[next++]!;
      const shot = await shoot(url, path, agent, device, () => true);
      if (!shot.ok) throw new Error(`enregistrement de l’appareil refusé : ${shot.error}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
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
  /** Open loop: the total requests per second the devices send together (absent: closed loop). */
  ratePerSecond?: number;
}

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

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
  const measuredStartPlanned = warmEnd;
  let measuredEnd = end;
  const timer = setTimeout(() => {
    measuring = true;
    socketsAtStart = sockets;
    measuredStart = performance.now();
    options.onWindow?.('start');
  }, options.warmupSeconds * 1000);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    options.onWindow?.('end');
  };
  const closer = setTimeout(close, options.warmupSeconds * 1000 + options.seconds * 1000);

  const record = (shot: Shot, ms: number) => {
    latencies.push(ms);
    if (!shot.ok) {
      errors += 1;
      firstError ??= shot.error ?? 'erreur';
    }
  };
  const interval = options.ratePerSecond ? (options.devices.length / options.ratePerSecond) * 1000 : 0;
  await Promise.all(
    options.devices.map(async (device, i) => {
      if (!interval) {
        while (performance.now() < end) {
          const counted = measuring;
          const shot = await shoot(url, options.path, agents[i]!, device, options.check);
          if (counted && performance.now() <= end) record(shot, shot.ms);
        }
        return;
      }
      // Open loop: due times on a fixed grid from a random phase; latency counted from the due time.
      for (let due = t0 + Math.random() * interval; due < end; due += interval) {
        await sleepUntil(due);
        const shot = await shoot(url, options.path, agents[i]!, device, options.check);
        const done = performance.now();
        if (due >= measuredStartPlanned && done <= end) record(shot, done - due);
      }
    }),
  );
  measuredEnd = Math.min(performance.now(), end);
  clearTimeout(timer);
  clearTimeout(closer);
  // An open loop may finish its last request just before the window's timer: close it anyway.
  close();
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
