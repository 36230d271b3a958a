/**
 * Test support: the engine of the previous release (commit c374ffb, sync schema 1, which sends no
 * schema version), taken out of git into node_modules/.cache (inside the project, so that Node
 * finds the project's packages; ignored by git) and imported as it was. A device of that version
 * is that code on a real SQLite file, with its own sync client.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREVIOUS_RELEASE = 'c374ffb';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = join(root, 'node_modules', '.cache', 'styliste-prev', PREVIOUS_RELEASE);

/** The modules of that release a test uses (typed as today's: the same API, older behaviour). */
export interface PreviousRelease {
  Engine: typeof import('../../shared/engine/engine.js').Engine;
  openBetterSqlite: typeof import('../../desktop/sqlite/betterSqliteAdapter.js').openBetterSqlite;
  SyncClient: typeof import('../../shared/sync/client.js').SyncClient;
  syncResponseSchema: typeof import('../../shared/sync/protocol.js').syncResponseSchema;
  TABLE_META: Readonly<Record<string, { fields: ReadonlyMap<string, unknown> }>>;
}

/** Takes the release out of git once (a complete copy is marked), then imports it. */
export async function loadPreviousRelease(): Promise<PreviousRelease> {
  try {
    execFileSync('git', ['-C', root, 'cat-file', '-e', `${PREVIOUS_RELEASE}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `The previous release (commit ${PREVIOUS_RELEASE}) is not in this clone, so a device of that version cannot be tested. ` +
        'Fetch the whole history (git fetch --unshallow) and run again.',
    );
  }
  const marker = join(target, '.complete');
  if (!existsSync(marker)) {
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execSync(`git -C "${root}" archive ${PREVIOUS_RELEASE} shared desktop/sqlite | tar -x -C "${partial}"`, { stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(join(partial, '.complete'), `${PREVIOUS_RELEASE}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  const load = (path: string) => import(join(target, path));
  const [engine, adapter, client, protocol, tableMeta] = await Promise.all([
    load('shared/engine/engine.ts'),
    load('desktop/sqlite/betterSqliteAdapter.ts'),
    load('shared/sync/client.ts'),
    load('shared/sync/protocol.ts'),
    load('shared/engine/tableMeta.ts'),
  ]);
  return {
    Engine: engine.Engine,
    openBetterSqlite: adapter.openBetterSqlite,
    SyncClient: client.SyncClient,
    syncResponseSchema: protocol.syncResponseSchema,
    TABLE_META: tableMeta.TABLE_META,
  };
}
