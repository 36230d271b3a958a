/** Test support: engines on real SQLite files in a fresh temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBetterSqlite } from './betterSqliteAdapter.js';
import { Engine, type EngineOptions } from '../../shared/engine/engine.js';

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

/** A controllable clock, starting at `iso`. */
export function testClock(iso = '2026-11-25T09:00:00.000Z'): TestClock {
  let current = Date.parse(iso);
  return {
    now: () => new Date(current),
    set: (value) => {
      current = Date.parse(value);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export function tempDir(prefix = 'styliste-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openFileEngine(path: string, options: EngineOptions = {}): Promise<Engine> {
  return Engine.open(openBetterSqlite(path), options);
}

/** A new engine on a new SQLite file with a workshop already set up (owner acting). */
export async function setupTestWorkshop(path: string, options: EngineOptions = {}, setup: Record<string, unknown> = {}) {
  const engine = await openFileEngine(path, options);
  const ids = await engine.execute('setupWorkshop', {
    name: 'Atelier Chez Aïcha',
    ownerName: 'Aïcha Dossou',
    phone: '+229 01 97 00 00 00',
    city: 'Cotonou',
    ...setup,
  });
  return { engine, ...ids };
}
