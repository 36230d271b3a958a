/**
 * The sync-state cache's rules, with a statement we can hold back and a clock we move: when an
 * answer may be served from memory, when it must be dropped, and that a load racing a change is
 * never kept. (The real database, notices and two instances: cloud/sync/sync.cache.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { SyncStateCache } from './syncStateCache.js';
import type { SyncState } from './syncState.js';

const state = (head: number): SyncState => ({ role: 'owner', memberDeleted: false, deviceFound: true, deviceRevoked: false, lastSeenAt: new Date(0), head });

/** A cache over a "database" whose head per workshop the test sets, and whose reads it can hold. */
function setup(maxEntries = 100) {
  const heads = new Map<string, number>();
  let time = 0;
  let held: (() => void)[] | null = null;
  const sent: string[] = [];
  let loads = 0;
  const cache = new SyncStateCache({
    instance: 'me',
    maxEntries,
    clock: () => time,
    notify: async (payload) => {
      sent.push(payload);
    },
    load: async (workshopId) => {
      loads += 1;
      const head = heads.get(workshopId);
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      // What the statement read, even if the test changes the head while it is held.
      return head === undefined ? null : state(head);
    },
  });
  cache.listening();
  cache.heard({ kind: 'beat', instance: 'me' });
  return {
    cache,
    heads,
    sent,
    loads: () => loads,
    advance: (ms: number) => (time += ms),
    hold: () => (held = []),
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const go of waiting) go();
    },
    get: (workshopId = 'w1', deviceId = 'd1') => cache.get(workshopId, 'm1', 'u1', deviceId),
  };
}

describe('the sync-state cache', () => {
  it('answers from memory until the workshop changes, here or on another instance', async () => {
    const t = setup();
    t.heads.set('w1', 5);
    expect((await t.get())?.head).toBe(5);
    t.heads.set('w1', 6);
    expect((await t.get())?.head).toBe(5);
    expect(t.loads()).toBe(1);
    t.cache.invalidate('w1');
    expect((await t.get())?.head).toBe(6);
    t.heads.set('w1', 7);
    t.cache.heard({ kind: 'workshop', workshopId: 'w1' });
    expect((await t.get())?.head).toBe(7);
    expect(t.cache.stats()).toMatchObject({ hits: 1, misses: 3, stored: 3, entries: 1, live: true });
  });

  it('keeps workshops apart: a change of one leaves the others cached', async () => {
    const t = setup();
    t.heads.set('w1', 1).set('w2', 1);
    await t.get('w1');
    await t.get('w2');
    t.cache.heard({ kind: 'workshop', workshopId: 'w2' });
    await t.get('w1');
    await t.get('w2');
    expect(t.loads()).toBe(3);
  });

  it('never keeps a load that raced with a change of its workshop', async () => {
    const t = setup();
    t.heads.set('w1', 1);
    t.hold();
    const racing = t.get();
    await Promise.resolve();
    // The statement has read head 1; the workshop changes before the answer comes back.
    t.heads.set('w1', 2);
    t.cache.heard({ kind: 'workshop', workshopId: 'w1' });
    t.release();
    expect((await racing)?.head).toBe(1);
    expect(t.cache.stats()).toMatchObject({ stored: 0, discarded: 1, entries: 0 });
    expect((await t.get())?.head).toBe(2);
  });

  it('serves nothing from memory while the listening connection is lost, and starts afresh when it is back', async () => {
    const t = setup();
    t.heads.set('w1', 1);
    await t.get();
    t.cache.lost();
    t.heads.set('w1', 2);
    expect((await t.get())?.head).toBe(2);
    expect((await t.get())?.head).toBe(2);
    expect(t.cache.stats()).toMatchObject({ hits: 0, entries: 0, live: false });
    t.cache.listening();
    t.heads.set('w1', 3);
    expect((await t.get())?.head).toBe(3);
    expect((await t.get())?.head).toBe(3);
    expect(t.cache.stats().hits).toBe(1);
  });

  it('serves nothing from memory while its own heartbeat is more than three seconds late', async () => {
    const t = setup();
    t.heads.set('w1', 1);
    await t.get();
    t.advance(2999);
    expect(t.cache.live).toBe(true);
    t.advance(2);
    expect(t.cache.live).toBe(false);
    t.heads.set('w1', 2);
    expect((await t.get())?.head).toBe(2);
    // Another instance's heartbeat says nothing of this one's connection.
    t.cache.heard({ kind: 'beat', instance: 'other' });
    expect(t.cache.live).toBe(false);
    t.cache.heard({ kind: 'beat', instance: 'me' });
    expect(t.cache.live).toBe(true);
    expect(t.cache.stats()).toMatchObject({ hits: 0, misses: 2 });
  });

  it('sends its heartbeat at start and waits for it; stop ends it all', async () => {
    const t = setup();
    const cache = new SyncStateCache({
      instance: 'me',
      maxEntries: 10,
      notify: async (payload) => {
        t.sent.push(payload);
        setTimeout(() => cache.heard({ kind: 'beat', instance: 'me' }), 5);
      },
      load: async () => state(1),
    });
    cache.listening();
    expect(cache.live).toBe(false);
    await cache.start();
    expect(t.sent).toEqual(['beat:me']);
    expect(cache.live).toBe(true);
    cache.stop();
    expect(cache.live).toBe(false);
  });

  it('drops the longest-cached workshops past its size, and caches nothing at size 0', async () => {
    const t = setup(3);
    for (const w of ['w1', 'w2', 'w3', 'w4']) t.heads.set(w, 1);
    await t.get('w1', 'a');
    await t.get('w1', 'b');
    await t.get('w2', 'a');
    await t.get('w3', 'a');
    expect(t.cache.stats().entries).toBe(2);
    await t.get('w2', 'a');
    await t.get('w1', 'a');
    expect(t.cache.stats().hits).toBe(1);
    const off = setup(0);
    off.heads.set('w1', 1);
    await off.get();
    await off.get();
    expect(off.cache.stats()).toMatchObject({ hits: 0, misses: 2, entries: 0, live: false });
  });

  it('does not keep "no such workshop"', async () => {
    const t = setup();
    expect(await t.get('nowhere')).toBeNull();
    expect(await t.get('nowhere')).toBeNull();
    expect(t.loads()).toBe(2);
  });
});
