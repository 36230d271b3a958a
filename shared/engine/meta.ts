/** Local key/value state of this device: identity, clock, sync cursor. */
import type { SqlExecutor } from './sqlPort.js';

/** Besides identity, clock and cursor: 'syncSchema', the synced schema this database was last opened with; 'refetch': tables to pull again (syncLocal.ts). */
export type MetaKey = 'deviceId' | 'nodeId' | 'deviceCode' | 'lastHlc' | 'cursor' | 'clockOffsetMs' | 'workshopId' | 'actorMemberId' | 'orderSeq' | 'syncSchema' | 'refetch';

export async function getMeta(db: SqlExecutor, key: MetaKey): Promise<string | undefined> {
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
  return row?.value;
}

export async function setMeta(db: SqlExecutor, key: MetaKey, value: string): Promise<void> {
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}
