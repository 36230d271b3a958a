/**
 * The renderer's side of the typed host API over Electron IPC, without importing Electron (the
 * preload passes its ipcRenderer in; tests pass a fake wired to the main side). Only `invoke`
 * and `subscribe` are exposed: never ipcRenderer itself.
 */
import type { Channel, ChannelInput, ChannelResults, HostApi, HostErrorShape, HostEvent } from '../../shared/host/channels.js';
import { HOST_TEXTS } from '../../shared/host/texts.js';
import { text } from '../../shared/i18n/texts.js';

// Kept here (not imported from desktop/main/ipc.ts) so that the sandboxed preload bundles nothing else.
export const INVOKE_CHANNEL = 'styliste:invoke';
export const EVENT_CHANNEL = 'styliste:event';
/** The global the app finds the API under: `window.styliste`. */
export const BRIDGE_KEY = 'styliste';

/** What the bridge uses of Electron's ipcRenderer. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

// The bridge cannot know the app's language; the workshop's, French, is the default.
const FALLBACK: HostErrorShape = { code: 'internal', message: text(HOST_TEXTS, 'fr', 'unexpected') };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The error of a refused call, as a plain object (not an Error) so that it crosses contextBridge intact. */
function errorOf(error: unknown): HostErrorShape {
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return FALLBACK;
  return { code: error.code, message: error.message, ...(typeof error.field === 'string' ? { field: error.field } : {}) };
}

export function createHostApi(ipc: IpcRendererLike): HostApi {
  return {
    async invoke<C extends Channel>(channel: C, payload?: ChannelInput<C>): Promise<ChannelResults[C]> {
      let reply: unknown;
      try {
        reply = await ipc.invoke(INVOKE_CHANNEL, { channel, payload });
      } catch {
        throw FALLBACK;
      }
      if (isRecord(reply) && reply.ok === true) return reply.value as ChannelResults[C];
      throw isRecord(reply) ? errorOf(reply.error) : FALLBACK;
    },
    subscribe(listener: (event: HostEvent) => void): () => void {
      const handler = (_event: unknown, hostEvent: unknown) => {
        if (isRecord(hostEvent) && typeof hostEvent.type === 'string') listener(hostEvent as HostEvent);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
}
