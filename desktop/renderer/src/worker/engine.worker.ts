/**
 * The engine's Web Worker: SQLite WASM in OPFS, the workshop engine, sync and the session. The
 * page talks to it only through the typed host API (shared/host/channels.ts).
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { HostService, toShape } from '../../../../shared/host/hostService.js';
import type { Channel, HostEvent } from '../../../../shared/host/channels.js';
import { opfsPorts } from './opfsPorts.js';

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  location: Location;
}
const scope = self as unknown as WorkerScope;

const emit = (event: HostEvent) => scope.postMessage({ event });

const ready = (async () => {
  const sqlite3 = await sqlite3InitModule();
  const service = new HostService(opfsPorts(sqlite3, scope.location.origin, emit));
  await service.init();
  return service;
})();

scope.onmessage = async (message: MessageEvent<{ id: number; channel: Channel; payload: unknown }>) => {
  const { id, channel, payload } = message.data;
  try {
    const service = await ready;
    scope.postMessage({ id, ok: true, value: await service.handle(channel, payload) });
  } catch (error) {
    scope.postMessage({ id, ok: false, error: error && typeof error === 'object' && 'code' in error ? error : toShape(error) });
  }
};
