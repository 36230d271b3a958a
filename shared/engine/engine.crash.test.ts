import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openFileEngine, tempDir } from '../../desktop/sqlite/testing.js';
import { decodeClocks } from '../sync/clockCodec.js';

const fixture = fileURLToPath(new URL('../../desktop/sqlite/crashWriter.fixture.ts', import.meta.url));
let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** Starts the writer, waits until its output matches `ready`, then kills it with SIGKILL. */
function runAndKill(path: string, mode: string, ready: (output: string) => boolean, extraDelayMs = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let killed = false;
    const timer = setTimeout(() => reject(new Error(`writer never got ready: ${output} ${errors}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && ready(output)) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer ended by itself (${signal}): ${errors}`));
    });
  });
}

/** Every client row has its outbox insert mutation and every such mutation has its row. */
function checkRowsMatchOutbox(path: string): { clients: number } {
  const db = new Database(path, { readonly: true });
  const clientIds = db.prepare('SELECT id FROM clients').pluck().all() as string[];
  const outboxIds = db.prepare("SELECT row_id FROM outbox WHERE tbl = 'clients'").pluck().all() as string[];
  const clocks = db.prepare("SELECT clocks FROM clients").pluck().all() as string[];
  db.close();
  expect([...outboxIds].sort()).toEqual([...clientIds].sort());
  for (const c of clocks) expect(decodeClocks(c, ['name']).name).toMatch(/^\d{4}-/);
  return { clients: clientIds.length };
}

describe('a write killed halfway', () => {
  it('leaves neither the row nor its outbox entry when killed inside the transaction', async () => {
    const path = `${dir.dir}/coupure.sqlite`;
    await runAndKill(path, 'midTransaction', (out) => out.includes('IN_TX'));
    expect(checkRowsMatchOutbox(path).clients).toBe(1);
    const engine = await openFileEngine(path);
    const names = (await engine.query('searchClients', {})).map((c) => c.name);
    expect(names).toEqual(['Avant la coupure']);
    // The database is healthy: work goes on.
    await engine.useMember((await engine.query('members'))[0]!.id);
    await engine.execute('createClient', { name: 'Après la coupure' });
    await engine.close();
    expect(checkRowsMatchOutbox(path).clients).toBe(2);
  });

  it('keeps rows and outbox entries together when killed at random moments', async () => {
    const path = `${dir.dir}/rafale.sqlite`;
    let previous = 0;
    for (let round = 0; round < 4; round++) {
      const delay = 20 + ((round * 37) % 90);
      await runAndKill(path, 'loop', (out) => /\d+\n/.test(out), delay);
      const { clients } = checkRowsMatchOutbox(path);
      expect(clients).toBeGreaterThanOrEqual(previous);
      previous = clients;
    }
    expect(previous).toBeGreaterThan(0);
  }, 120_000);
});
