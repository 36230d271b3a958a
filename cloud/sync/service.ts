/**
 * The sync service: one round trip pushes a device's mutations and pulls what changed since its
 * cursor (DESIGN.md "Sync protocol", normative). The caller was checked by the route's guard,
 * whose one statement also read the device and the workshop's head (from memory while nothing of
 * the workshop changed), so a device in sync costs no database work at all.
 */
import type { CloudContext } from '../context.js';
import type { Caller } from '../http/route.js';
import type { Tx } from '../db/client.js';
import { ensureDevice, findDevice, type DeviceRow } from '../auth/devicesSql.js';
import type { SyncRequest, SyncResponse } from '../../shared/sync/protocol.js';
import { parseCursor } from '../../shared/sync/cursor.js';
import type { Locale } from '../../shared/i18n/index.js';
import { applyPush, type PushOutcome } from './push.js';
import { pullPage, type PullPage } from './pull.js';
import { fail } from '../auth/texts.js';

/** How often an idle device's "last seen" is written (a write on every sync would cost a disk flush). */
const LAST_SEEN_EVERY_MS = 5 * 60_000;

function checkDevice(device: DeviceRow | null, locale: Locale): asserts device is DeviceRow {
  // Devices are the accounts area's: the same refusals as POST /api/devices.
  if (!device) throw fail(locale, 'device_conflict');
  if (device.revoked) throw fail(locale, 'device_revoked');
}

export interface SyncHooks {
  /**
   * Called once a push's transaction has committed, with the ids of the new messages it wrote
   * `queued` (the messages area enqueues their sends). Must not throw.
   */
  messagesQueued?(workshopId: string, messageIds: string[]): Promise<void>;
  /**
   * Called inside the push's transaction when it changed the public profile or the portfolio (or
   * the garment types the photos are labelled with): the directory re-derives the public listing
   * in the same transaction, so a listing is never older than the rows it comes from.
   */
  directoryChanged?(tx: Tx, workshopId: string): Promise<void>;
}

const DIRECTORY_SOURCES: ReadonlySet<string> = new Set(['directory_profile', 'portfolio_items', 'garment_types']);

/** Whether a push's accepted mutations touched what the public listing is made of. */
function touchesDirectory(mutations: SyncRequest['mutations'], acked: readonly string[]): boolean {
  const ackedIds = new Set(acked);
  return mutations.some((m) => DIRECTORY_SOURCES.has(m.table) && ackedIds.has(m.id));
}

/** The rows a committed push created as `queued` messages (a device may only create them so, or cancel). */
function queuedMessageIds(mutations: SyncRequest['mutations'], acked: readonly string[]): string[] {
  const ackedIds = new Set(acked);
  return mutations.filter((m) => m.table === 'messages' && m.fields.status === 'queued' && ackedIds.has(m.id)).map((m) => m.rowId);
}

export class SyncService {
  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'config' | 'now' | 'clock'>,
    private readonly hooks: SyncHooks = {},
  ) {}

  async sync(caller: Caller, body: SyncRequest, locale: Locale): Promise<SyncResponse> {
    const { db, config } = this.ctx;
    const now = this.ctx.now();
    const identity = { id: body.deviceId, workshopId: caller.workshopId, userId: caller.userId, memberId: caller.memberId };
    let pushed: PushOutcome = { acked: [], rejected: [], ownSeqs: new Set() };
    let page: PullPage;
    if (body.mutations.length > 0) {
      // 1. Push, in its own transaction (row locks, sequences under the workshop's lock).
      pushed = await db.withWorkshop(caller.workshopId, async (tx) => {
        const device = await ensureDevice(tx, identity, now);
        checkDevice(device, locale);
        const outcome = await applyPush(tx, { workshopId: caller.workshopId, role: caller.role, deviceId: device.id, locale, now, clock: this.ctx.clock }, body.mutations);
        if (this.hooks.directoryChanged && touchesDirectory(body.mutations, outcome.acked)) await this.hooks.directoryChanged(tx, caller.workshopId);
        return outcome;
      });
      // New messages go to the dispatcher now that they are committed (never from inside the
      // push's transaction), while the pull runs; the answer waits for both.
      const queued = queuedMessageIds(body.mutations, pushed.acked);
      const handedOver = queued.length > 0 && this.hooks.messagesQueued ? this.hooks.messagesQueued(caller.workshopId, queued) : undefined;
      // 2. Pull, on one snapshot that includes what was just pushed.
      page = await db.readWorkshop(caller.workshopId, (tx) => pullPage(tx, caller.workshopId, body.cursor, config.syncPageRows, pushed.ownSeqs, now, body));
      await handedOver;
    } else {
      // Nothing to push (most syncs). A device already at the head, known and seen recently, is
      // answered at once; anything else (behind, new, stale, mid-pull) takes the full read below.
      const state = caller.state;
      if (state.deviceRevoked) checkDevice({ id: body.deviceId, code: '', name: '', revoked: true }, locale);
      const cursor = parseCursor(body.cursor);
      const fresh = state.lastSeenAt && now.getTime() - state.lastSeenAt.getTime() <= LAST_SEEN_EVERY_MS;
      if (fresh && cursor.applied === state.head && cursor.after === state.head) {
        page = { changes: [], cursor: String(state.head), more: false, head: state.head };
      } else {
        const read = await db.readWorkshop(caller.workshopId, async (tx) => {
          const device = await findDevice(tx, body.deviceId);
          if (device?.revoked) checkDevice(device, locale);
          return { device, page: await pullPage(tx, caller.workshopId, body.cursor, config.syncPageRows, new Set(), now, body) };
        });
        page = read.page;
        if (!read.device || now.getTime() - read.device.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
          checkDevice(await db.withWorkshop(caller.workshopId, (tx) => ensureDevice(tx, identity, now)), locale);
        }
      }
    }
    return {
      acked: pushed.acked,
      rejected: pushed.rejected,
      changes: page.changes,
      cursor: page.cursor,
      more: page.more,
      serverTime: now.toISOString(),
      ...(body.cursor === '0' || page.more ? { head: String(page.head) } : {}),
    };
  }
}
