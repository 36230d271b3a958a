/**
 * The engine's sync client: one round trip pushes a batch of the outbox and pulls a page of
 * changes; it loops while there is more, and reports progress (for the first sync's bar).
 * Pure TypeScript over `fetch`, so it runs in Electron's main process and in a browser worker.
 * It never drops a change: an entry leaves the outbox only once acknowledged or refused.
 */
import type { Engine } from '../engine/engine.js';
import { PROTOCOL_VERSION, syncResponseSchema, type SyncRequest, type SyncResponse } from './protocol.js';
import { cursorPosition } from './cursor.js';
import { SYNC_SCHEMA_VERSION } from './schemaEvolution.js';
import { SYNC_CLIENT_TEXTS, type SyncClientTextKey } from './texts.js';
import { text, type Locale, type TextParams } from '../i18n/texts.js';

/**
 * What the client needs of the engine. The refetch pair (schema evolution) is optional so that an
 * engine without it (a bench's timed wrapper) still syncs; without it nothing is pulled again.
 */
export type SyncEngine = Pick<Engine, 'deviceId' | 'pendingMutations' | 'settlePush' | 'applyChanges' | 'cursor' | 'setClockOffset' | 'correctClockAhead' | 'clockOffsetMs' | 'wallTime'> &
  Partial<Pick<Engine, 'refetchState' | 'applyRefetch'>>;

export interface SyncProgress {
  /** Fraction of the pull done, 0…1 (known from the hub's head on a first sync). */
  fraction: number | null;
  pushed: number;
  pulled: number;
  roundTrips: number;
}

export interface SyncClientOptions {
  engine: SyncEngine;
  baseUrl: string;
  /** A valid access token; called again with `true` after a 401 token_expired. */
  accessToken(refresh: boolean): Promise<string>;
  fetch?: typeof fetch;
  batchSize?: number;
  /** Requests larger than this are gzip-compressed. */
  gzipAbove?: number;
  onProgress?(progress: SyncProgress): void;
  /** The language of the failures' messages, asked at each failure (the app's can change); French by default. */
  locale?(): Locale;
}

export type SyncFailureKind = 'network' | 'server' | 'unauthorized' | 'access_revoked' | 'upgrade_required' | 'bad_response';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface SyncReport extends SyncProgress {
  rejected: number;
  cursor: string;
}

/** Allowed distance between the hub's clock and ours before we follow the hub (ms). */
const CLOCK_TOLERANCE_MS = 60_000;
/** The hub refuses clocks further ahead than this (DESIGN.md). */
export const HUB_MAX_AHEAD_MS = 5 * 60_000;
const MAX_ROUND_TRIPS = 10_000;

export class SyncClient {
  private readonly fetch: typeof fetch;
  private running: Promise<SyncReport> | null = null;

  constructor(private readonly options: SyncClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  private say(key: SyncClientTextKey, params?: TextParams): string {
    return text(SYNC_CLIENT_TEXTS, this.options.locale?.() ?? 'fr', key, params);
  }

  /**
   * Register this device with the hub (name shown to the owner) and take the code it gives,
   * which prefixes the order numbers this device hands out offline.
   */
  async register(name: string, assignCode: (code: string) => Promise<void>): Promise<string> {
    const send = async (refresh: boolean) =>
      this.fetch(`${this.options.baseUrl}/api/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.accessToken(refresh)}` },
        body: JSON.stringify({ deviceId: this.options.engine.deviceId, name }),
      }).catch((error: Error) => {
        throw new SyncFailure('network', this.say('noConnection', { reason: error.message }));
      });
    let response = await send(false);
    if (response.status === 401) response = await send(true);
    const json = (await response.json().catch(() => ({}))) as { code?: string; error?: { code?: string; message?: string } };
    if (!response.ok || !json.code) {
      throw new SyncFailure(json.error?.code === 'access_revoked' ? 'access_revoked' : 'server', json.error?.message ?? this.say('serverError', { status: response.status }));
    }
    await assignCode(json.code);
    return json.code;
  }

  /** Sync until nothing is left to push or pull. Concurrent calls share one run. */
  sync(): Promise<SyncReport> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncReport> {
    const { engine } = this.options;
    const report: SyncReport = { fraction: null, pushed: 0, pulled: 0, roundTrips: 0, rejected: 0, cursor: await engine.cursor() };
    const startCursor = cursorPosition(report.cursor);
    let head: number | null = null;
    // After an upgrade, the tables that gained fields are pulled again first, from "0" on a cursor
    // of their own (the request's `tables`), then the usual cursor goes on (schemaEvolution.ts).
    let refetch = (await engine.refetchState?.()) ?? null;
    for (;;) {
      if (report.roundTrips >= MAX_ROUND_TRIPS) throw new SyncFailure('server', this.say('tooManyRoundTrips'));
      const mutations = await engine.pendingMutations(this.options.batchSize ?? 500);
      const cursor = refetch ? refetch.cursor : await engine.cursor();
      const request: SyncRequest = { protocol: PROTOCOL_VERSION, deviceId: engine.deviceId, cursor, mutations, schema: SYNC_SCHEMA_VERSION };
      if (refetch) request.tables = refetch.tables;
      const response = await this.roundTrip(request);
      report.roundTrips += 1;

      const skewed = response.rejected.filter((r) => r.code === 'clock_skew');
      const refused = response.rejected.filter((r) => r.code !== 'clock_skew');
      await engine.settlePush(response.acked, refused);
      if (skewed.length > 0) await engine.correctClockAhead(response.serverTime, HUB_MAX_AHEAD_MS);
      else await this.followHubTime(response.serverTime);
      try {
        if (refetch) await engine.applyRefetch!(response.changes, response.cursor, response.more);
        else await engine.applyChanges(response.changes, response.cursor);
      } catch (error) {
        // Nothing was applied (one transaction); the next attempt starts again from the same cursor.
        throw new SyncFailure('bad_response', this.say('changesNotApplied', { reason: (error as Error).message }));
      }

      report.pushed += response.acked.length;
      report.rejected += refused.length;
      report.pulled += response.changes.length;
      const pushedAll = mutations.length < (this.options.batchSize ?? 500) && skewed.length === 0;
      if (refetch) {
        // The refetch's pages say nothing of the usual cursor's progress; its last page ends it,
        // and the loop goes on with the usual cursor (at least one more round trip).
        refetch = response.more ? { tables: refetch.tables, cursor: response.cursor } : null;
        this.options.onProgress?.({ ...report });
        continue;
      }
      report.cursor = response.cursor;
      if (response.head) head = Number(response.head);
      const moved = cursorPosition(response.cursor) - startCursor;
      const span = head === null ? 0 : head - startCursor;
      report.fraction = head === null || span <= 0 ? null : Math.min(1, moved / span);
      this.options.onProgress?.({ ...report });

      if (!response.more && pushedAll) break;
    }
    report.fraction = 1;
    this.options.onProgress?.({ ...report });
    return report;
  }

  /** A device whose clock is behind (or slightly ahead) follows the hub's time. */
  private async followHubTime(serverTime: string): Promise<void> {
    const { engine } = this.options;
    const offset = Date.parse(serverTime) - engine.wallTime();
    if (Math.abs(offset - engine.clockOffsetMs) > CLOCK_TOLERANCE_MS) await engine.setClockOffset(offset);
  }

  private async roundTrip(body: unknown): Promise<SyncResponse> {
    let token = await this.options.accessToken(false);
    let response = await this.post(body, token);
    if (response.status === 401) {
      token = await this.options.accessToken(true);
      response = await this.post(body, token);
    }
    if (response.ok) {
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        throw new SyncFailure('network', this.say('responseInterrupted'));
      }
      const parsed = syncResponseSchema.safeParse(json);
      if (!parsed.success) throw new SyncFailure('bad_response', this.say('responseUnreadable'));
      return parsed.data;
    }
    const error = await response.json().then(
      (j: { error?: { code?: string; message?: string } }) => j.error,
      () => undefined,
    );
    const message = error?.message ?? this.say('serverError', { status: response.status });
    if (response.status === 401) throw new SyncFailure('unauthorized', message);
    if (response.status === 403 && error?.code === 'access_revoked') throw new SyncFailure('access_revoked', message);
    if (response.status === 426) throw new SyncFailure('upgrade_required', message);
    throw new SyncFailure('server', message);
  }

  private async post(body: unknown, token: string): Promise<Response> {
    const json = JSON.stringify(body);
    // Brotli compresses a first sync ~18% better than gzip; browsers send it anyway (and ignore
    // this forbidden header), Node's fetch needs to be asked.
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' };
    let payload: BodyInit = json;
    if (json.length > (this.options.gzipAbove ?? 1024)) {
      payload = await gzip(json);
      headers['content-encoding'] = 'gzip';
    }
    try {
      return await this.fetch(`${this.options.baseUrl}/api/sync`, { method: 'POST', headers, body: payload });
    } catch (error) {
      throw new SyncFailure('network', this.say('noConnection', { reason: (error as Error).message }));
    }
  }
}

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** Delay before the next attempt after `failures` failures in a row: 2 s … 5 min, with jitter. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 2_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random() / 2));
}
