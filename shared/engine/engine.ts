/**
 * The workshop engine: opens the database (migrations), knows this device and its clock, and runs
 * commands and queries one at a time. Hosts (Electron main, browser worker) expose exactly
 * `execute` and `query`, so every screen goes through the same typed API.
 */
import type { z } from 'zod';
import type { SqlPort } from './sqlPort.js';
import type { Actor, EngineContext } from './context.js';
import { migrate } from './migrate.js';
import { getMeta, setMeta } from './meta.js';
import { Mutex } from './mutex.js';
import { COMMANDS } from './commands/index.js';
import { QUERIES } from './queries/index.js';
import { HybridClock } from '../sync/hlc.js';
import { newId } from '../domain/ids.js';
import { EngineError } from '../domain/errors.js';
import { can, roleSchema, ROLE_LABELS } from '../domain/roles.js';
import { parseInput } from '../domain/validation.js';
import { t, type Locale } from '../i18n/index.js';
import type { Change, Mutation, Rejection } from '../sync/protocol.js';
import { applyChanges, applyOrderHistory, currentCursor, pendingMutations, restampAhead, settlePush } from './syncLocal.js';
import { applyRefetch, noteSchemaUpgrade, pendingRefetch, type Refetch } from './syncLocal.js';
import { formatHlc } from '../sync/hlc.js';

export type CommandName = keyof typeof COMMANDS;
export type CommandInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]['input']>;
export type CommandResult<N extends CommandName> = Awaited<ReturnType<(typeof COMMANDS)[N]['run']>>;
export type QueryName = keyof typeof QUERIES;
export type QueryArgs<N extends QueryName> = z.input<(typeof QUERIES)[N]['args']>;
export type QueryResult<N extends QueryName> = Awaited<ReturnType<(typeof QUERIES)[N]['run']>>;

export interface EngineOptions {
  locale?: Locale;
  /** The current instant; injectable for tests and for a device whose clock is corrected. */
  now?: () => Date;
  /** The cloud's public address (`PUBLIC_URL`), for tracking links in messages (context.ts). */
  publicUrl?: string | null;
}

function randomNodeId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An http(s) address without its trailing slashes, or null (anything else is a host's mistake). */
function normalizePublicUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (!/^https?:\/\/[^\s/?#]+[^\s?#]*$/.test(url)) throw new Error(`publicUrl must be an http(s) address: ${url}`);
  return url.replace(/\/+$/, '');
}

export class Engine {
  private readonly mutex = new Mutex();

  private constructor(private readonly ctx: EngineContext) {}

  static async open(db: SqlPort, options: EngineOptions = {}): Promise<Engine> {
    await migrate(db);
    // A database synced by an older version pulls again the tables that gained fields since.
    await noteSchemaUpgrade(db);
    const now = options.now ?? (() => new Date());
    const identity = await db.transaction(async (tx) => {
      let nodeId = await getMeta(tx, 'nodeId');
      let deviceId = await getMeta(tx, 'deviceId');
      if (!nodeId) await setMeta(tx, 'nodeId', (nodeId = randomNodeId()));
      if (!deviceId) await setMeta(tx, 'deviceId', (deviceId = newId()));
      return { nodeId, deviceId, lastHlc: await getMeta(tx, 'lastHlc'), offset: await getMeta(tx, 'clockOffsetMs') };
    });
    const clock = new HybridClock(identity.nodeId, () => now().getTime());
    if (identity.lastHlc) clock.observe(identity.lastHlc);
    clock.offsetMs = Number(identity.offset ?? 0);
    const engine = new Engine({
      db,
      clock,
      locale: options.locale ?? 'fr',
      actor: { memberId: null, role: 'owner' },
      deviceId: identity.deviceId,
      now,
      publicUrl: normalizePublicUrl(options.publicUrl),
    });
    await engine.restoreActor();
    return engine;
  }

  get deviceId(): string {
    return this.ctx.deviceId;
  }

  get nodeId(): string {
    return this.ctx.clock.node;
  }

  get actor(): Actor {
    return { ...this.ctx.actor };
  }

  get locale(): Locale {
    return this.ctx.locale;
  }

  set locale(locale: Locale) {
    this.ctx.locale = locale;
  }

  /** The cloud's public address used in tracking links (null: the hub fills `{lien}` itself). */
  get publicUrl(): string | null {
    return this.ctx.publicUrl;
  }

  set publicUrl(url: string | null) {
    this.ctx.publicUrl = normalizePublicUrl(url);
  }

  /** Run one command: role check, input check, then ONE transaction (rows, clocks, outbox). */
  async execute<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> {
    const def = COMMANDS[name];
    if (!def) throw new EngineError('invalid_input', t(this.ctx.locale, 'error.unknownCommand', { name: String(name) }));
    const result = await this.mutex.run(async (): Promise<unknown> => {
      const { role } = this.ctx.actor;
      if (!can(role, def.permission.table, def.permission.action)) {
        throw new EngineError('forbidden', t(this.ctx.locale, 'error.forbidden', { role: ROLE_LABELS[this.ctx.locale][role] }));
      }
      const parsed = parseInput(def.input, input, this.ctx.locale);
      if (!def.allowBeforeSetup && !(await this.ctx.db.get('SELECT id FROM workshop'))) {
        throw new EngineError('not_ready', t(this.ctx.locale, 'error.notReady'));
      }
      const run = def.run as (ctx: EngineContext, tx: Parameters<typeof def.run>[1], input: unknown) => Promise<unknown>;
      const result = await this.ctx.db.transaction((tx) => run(this.ctx, tx, parsed));
      if (name === 'setupWorkshop') await this.useMember((result as { ownerId: string }).ownerId);
      else if (def.permission.table === 'members' && this.ctx.actor.memberId) await this.refreshActorRole();
      return result;
    });
    return result as CommandResult<N>;
  }

  /** Run one query (read only). */
  async query<N extends QueryName>(name: N, args?: QueryArgs<N>): Promise<QueryResult<N>> {
    const def = QUERIES[name];
    if (!def) throw new EngineError('invalid_input', t(this.ctx.locale, 'error.unknownCommand', { name: String(name) }));
    const result = await this.mutex.run(async (): Promise<unknown> => {
      const parsed = parseInput(def.args, args, this.ctx.locale);
      const run = def.run as (ctx: EngineContext, db: SqlPort, args: unknown) => Promise<unknown>;
      return run(this.ctx, this.ctx.db, parsed);
    });
    return result as QueryResult<N>;
  }

  /** Act as a member of the workshop from now on (remembered across restarts). */
  async useMember(memberId: string): Promise<Actor> {
    const member = await this.ctx.db.get<{ role: string }>('SELECT role FROM members WHERE id = ? AND deleted_at IS NULL', [memberId]);
    if (!member) throw new EngineError('not_found', t(this.ctx.locale, 'error.notFound', { what: t(this.ctx.locale, 'what.member') }));
    this.ctx.actor = { memberId, role: roleSchema.parse(member.role) };
    await setMeta(this.ctx.db, 'actorMemberId', memberId);
    return this.actor;
  }

  /** The device code given by the hub when this device registered (A, B, …, AA): prefixes its order numbers. */
  async assignDeviceCode(code: string): Promise<void> {
    if (!/^[A-Z]{1,3}$/.test(code)) throw new EngineError('invalid_input', t(this.ctx.locale, 'error.deviceCode', { code }));
    await this.mutex.run(() => setMeta(this.ctx.db, 'deviceCode', code));
  }

  async deviceCode(): Promise<string | null> {
    return (await getMeta(this.ctx.db, 'deviceCode')) ?? null;
  }

  // ── the local half of sync (the sync client drives these) ──

  /** Outbox entries not yet acknowledged, oldest first, in the protocol's mutation shape. */
  pendingMutations(limit = 500): Promise<Mutation[]> {
    return this.mutex.run(() => pendingMutations(this.ctx.db, limit));
  }

  /** Drop acknowledged entries; keep refused ones for the "needs attention" list. */
  settlePush(acked: readonly string[], rejected: readonly Rejection[]): Promise<void> {
    return this.mutex.run(() => settlePush(this.ctx.db, acked, rejected));
  }

  /** Apply pulled changes (per-field last writer wins) and store the cursor, in one transaction. */
  applyChanges(changes: readonly Change[], cursor: string): Promise<number> {
    return this.mutex.run(async () => {
      const applied = await applyChanges(this.ctx.db, this.ctx.clock, changes, cursor);
      if (changes.some((c) => c.table === 'members') && this.ctx.actor.memberId) await this.refreshActorRole();
      return applied;
    });
  }

  /**
   * Apply an order's history fetched on demand (order_events of that order only, last writer
   * wins per field, one transaction), without moving the sync cursor. Returns the rows changed.
   */
  applyOrderHistory(orderId: string, changes: readonly Change[]): Promise<number> {
    return this.mutex.run(() => applyOrderHistory(this.ctx.db, this.ctx.clock, orderId, changes, this.ctx.locale));
  }

  cursor(): Promise<string> {
    return this.mutex.run(() => currentCursor(this.ctx.db));
  }

  /** Tables to pull again after an upgrade (schema evolution) and that pull's cursor, or null. */
  refetchState(): Promise<Refetch | null> {
    return this.mutex.run(() => pendingRefetch(this.ctx.db));
  }

  /** Apply a page of that pull (like applyChanges) and move its own cursor; the last page ends it. */
  applyRefetch(changes: readonly Change[], cursor: string, more: boolean): Promise<number> {
    return this.mutex.run(async () => {
      const applied = await applyRefetch(this.ctx.db, this.ctx.clock, changes, cursor, more);
      if (changes.some((c) => c.table === 'members') && this.ctx.actor.memberId) await this.refreshActorRole();
      return applied;
    });
  }

  /** This device's own clock (uncorrected), in ms. */
  wallTime(): number {
    return this.ctx.now().getTime();
  }

  /** The correction currently applied to this device's clock, in ms. */
  get clockOffsetMs(): number {
    return this.ctx.clock.offsetMs;
  }

  /** Follow the hub's time from now on (a device whose clock is behind). */
  async setClockOffset(offsetMs: number): Promise<void> {
    this.ctx.clock.offsetMs = Math.round(offsetMs);
    await this.mutex.run(() => setMeta(this.ctx.db, 'clockOffsetMs', String(this.ctx.clock.offsetMs)));
  }

  /**
   * The hub refused clocks from the future: take its time, and re-stamp every pending change
   * stamped ahead of it (the changes themselves are kept). Returns how many were re-stamped.
   */
  async correctClockAhead(serverTime: string, toleranceMs: number): Promise<number> {
    const offset = Date.parse(serverTime) - this.ctx.now().getTime();
    return this.mutex.run(async () => {
      this.ctx.clock.offsetMs = offset;
      this.ctx.clock.resetAfterCorrection();
      await setMeta(this.ctx.db, 'clockOffsetMs', String(offset));
      const limit = formatHlc({ millis: Date.parse(serverTime) + toleranceMs, counter: 0xffff, node: 'ffffffffffffffff' });
      return restampAhead(this.ctx.db, this.ctx.clock, limit);
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(() => this.ctx.db.close());
  }

  private async refreshActorRole(): Promise<void> {
    const member = await this.ctx.db.get<{ role: string }>('SELECT role FROM members WHERE id = ? AND deleted_at IS NULL', [this.ctx.actor.memberId]);
    this.ctx.actor = member ? { memberId: this.ctx.actor.memberId, role: roleSchema.parse(member.role) } : { memberId: null, role: 'viewer' };
  }

  private async restoreActor(): Promise<void> {
    const memberId = await getMeta(this.ctx.db, 'actorMemberId');
    if (memberId) {
      const member = await this.ctx.db.get<{ role: string }>('SELECT role FROM members WHERE id = ? AND deleted_at IS NULL', [memberId]);
      this.ctx.actor = member ? { memberId, role: roleSchema.parse(member.role) } : { memberId: null, role: 'viewer' };
    } else if (await this.ctx.db.get('SELECT id FROM workshop')) {
      this.ctx.actor = { memberId: null, role: 'viewer' };
    }
  }
}

export const openEngine = Engine.open;
