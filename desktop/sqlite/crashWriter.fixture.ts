/**
 * Test fixture, run as a child process by engine.crash.test.ts, then killed with SIGKILL.
 *   mode "midTransaction": creates one committed client, then blocks forever right after the
 *     client row of a second one is written, inside its transaction (prints IN_TX).
 *   mode "loop": creates clients as fast as it can until killed (prints each count).
 */
import { openBetterSqlite } from './betterSqliteAdapter.js';
import { Engine } from '../../shared/engine/engine.js';
import type { SqlExecutor, SqlPort } from '../../shared/engine/sqlPort.js';

const [path, mode] = process.argv.slice(2) as [string, string];

function blockForever(): never {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}

/** The real adapter, but a transaction stops dead after the client row is inserted. */
function freezingAfterClientInsert(port: SqlPort, armed: { on: boolean }): SqlPort {
  return {
    ...port,
    transaction: (work) =>
      port.transaction((tx) => {
        const spy: SqlExecutor = {
          ...tx,
          async run(sql, params) {
            const result = await tx.run(sql, params);
            if (armed.on && sql.startsWith('INSERT INTO clients ')) {
              process.stdout.write('IN_TX\n');
              blockForever();
            }
            return result;
          },
        };
        return work(spy);
      }),
  };
}

const armed = { on: false };
const engine = await Engine.open(freezingAfterClientInsert(openBetterSqlite(path), armed));
if (!(await engine.query('settings'))) {
  await engine.execute('setupWorkshop', { name: 'Atelier coupé', ownerName: 'Propriétaire' });
}
if (mode === 'midTransaction') {
  await engine.execute('createClient', { name: 'Avant la coupure' });
  armed.on = true;
  await engine.execute('createClient', { name: 'Pendant la coupure' });
} else {
  for (let i = 0; ; i++) {
    await engine.execute('createClient', { name: `Client ${i}`, phone: `01970${String(i).padStart(5, '0')}` });
    if (i % 10 === 0) process.stdout.write(`${i}\n`);
  }
}
