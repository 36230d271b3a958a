/**
 * Test support: a seeded PRNG and a flaky transport that wraps `fetch` the way a bad mobile
 * network and a tired proxy do. Every failure is decided by the seeded generator, so a failing
 * simulation can be replayed from its seed.
 *
 * - lostRequest: the request never reaches the server (throws before the real fetch).
 * - lostResponse: the server handled and committed the request, the answer never arrives.
 * - cutStream: the answer starts arriving, then the connection drops mid-body.
 * - truncatedJson: the answer arrives cut short (a 200 with half a JSON document).
 * - proxy503: a proxy answers 503 without ever calling the server.
 */

export type FailureKind = 'lostRequest' | 'lostResponse' | 'cutStream' | 'truncatedJson' | 'proxy503';
export const FAILURE_KINDS: readonly FailureKind[] = ['lostRequest', 'lostResponse', 'cutStream', 'truncatedJson', 'proxy503'];

export { mulberry32 } from './random.js';

export interface FlakyTransport {
  fetch: typeof fetch;
  /** While true, every call goes straight through (the network is healed). */
  healthy: boolean;
  /** How many calls ended each way. */
  counts: Record<FailureKind | 'ok', number>;
}

export interface FlakyOptions {
  random: () => number;
  /** Probability of each failure, per call (their sum must stay below 1). */
  rates: Partial<Record<FailureKind, number>>;
  realFetch?: typeof fetch;
}

function cutPoint(length: number, random: () => number): number {
  return Math.max(1, Math.min(length - 1, Math.floor(length * (0.1 + random() * 0.8))));
}

export function flakyTransport(options: FlakyOptions): FlakyTransport {
  const realFetch = options.realFetch ?? ((input, init) => globalThis.fetch(input, init));
  const counts: Record<FailureKind | 'ok', number> = { ok: 0, lostRequest: 0, lostResponse: 0, cutStream: 0, truncatedJson: 0, proxy503: 0 };

  const choose = (): FailureKind | 'ok' => {
    const r = options.random();
    let acc = 0;
    for (const kind of FAILURE_KINDS) {
      acc += options.rates[kind] ?? 0;
      if (r < acc) return kind;
    }
    return 'ok';
  };

  const transport: FlakyTransport = {
    healthy: false,
    counts,
    fetch: async (input, init) => {
      const outcome = transport.healthy ? 'ok' : choose();
      counts[outcome] += 1;
      switch (outcome) {
        case 'ok':
          return realFetch(input, init);
        case 'lostRequest':
          throw new TypeError('fetch failed (simulated: request lost before reaching the server)');
        case 'proxy503':
          return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Service Unavailable (proxy)' } }), {
            status: 503,
            headers: { 'content-type': 'application/json' },
          });
        case 'lostResponse': {
          const response = await realFetch(input, init);
          await response.arrayBuffer();
          throw new TypeError('fetch failed (simulated: response lost after the server committed)');
        }
        case 'cutStream': {
          const response = await realFetch(input, init);
          const bytes = new Uint8Array(await response.arrayBuffer());
          const head = bytes.slice(0, cutPoint(bytes.length, options.random));
          let sent = false;
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (!sent) {
                sent = true;
                controller.enqueue(head);
              } else {
                controller.error(new TypeError('terminated (simulated: connection dropped mid-body)'));
              }
            },
          });
          return new Response(body, { status: response.status, headers: { 'content-type': 'application/json' } });
        }
        case 'truncatedJson': {
          const response = await realFetch(input, init);
          const bytes = new Uint8Array(await response.arrayBuffer());
          const head = bytes.slice(0, cutPoint(bytes.length, options.random));
          return new Response(head, { status: response.status, headers: { 'content-type': 'application/json' } });
        }
      }
    },
  };
  return transport;
}
