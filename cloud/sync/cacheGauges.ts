/** /metrics: how the sync-state cache (db/syncStateCache.ts) is doing, read at each scrape. */
import { Gauge } from 'prom-client';
import type { CloudContext } from '../context.js';

export function registerSyncStateGauges(ctx: CloudContext): void {
  const cacheStat = (key: 'hits' | 'misses' | 'discarded' | 'entries') => () => ctx.db.syncStateCache()[key];
  for (const [name, help, read] of [
    ['sync_state_cache_hits', 'Syncs with nothing to push answered from memory', cacheStat('hits')],
    ['sync_state_cache_misses', 'Syncs with nothing to push that read the database', cacheStat('misses')],
    ['sync_state_cache_discarded', 'Sync-state answers not kept (their workshop changed meanwhile, or the cache was not live)', cacheStat('discarded')],
    ['sync_state_cache_entries', 'Sync-state answers held in memory', cacheStat('entries')],
    ['sync_state_cache_live', '1 while the change notices are heard (the cache may serve)', () => (ctx.db.syncStateCache().live ? 1 : 0)],
  ] as const) {
    new Gauge({ name, help, registers: [ctx.metrics], collect() { this.set(read()); } });
  }
}
