/**
 * The app's way to its host: Electron's preload bridge when present, else the engine worker.
 * Both implement the same HostApi, so no screen knows where it runs.
 */
import type { Channel, ChannelInput, ChannelResults, HostApi, HostEvent } from '../../../../shared/host/channels.js';

declare global {
  interface Window {
    styliste?: HostApi;
  }
}

function workerHost(): HostApi {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'styliste-engine' });
  let next = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  const listeners = new Set<(event: HostEvent) => void>();
  worker.onmessage = (message: MessageEvent<{ id?: number; ok?: boolean; value?: unknown; error?: unknown; event?: HostEvent }>) => {
    const data = message.data;
    if (data.event) {
      for (const listener of listeners) listener(data.event);
      return;
    }
    const call = data.id === undefined ? undefined : pending.get(data.id);
    if (!call) return;
    pending.delete(data.id!);
    if (data.ok) call.resolve(data.value);
    else call.reject(data.error);
  };
  return {
    invoke<C extends Channel>(channel: C, payload?: ChannelInput<C>): Promise<ChannelResults[C]> {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, channel, payload });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const host: HostApi = window.styliste ?? workerHost();
