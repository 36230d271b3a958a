/**
 * The one IPC entry of the app: 'styliste:invoke' carries `{channel, payload}` from the preload
 * bridge to the host service, and 'styliste:event' carries the host's events back. The renderer
 * is untrusted: the envelope is checked here, the payload by the host service, and calls from any
 * frame other than the app's own page are refused. Answers are `{ok:true, value}` or
 * `{ok:false, error:{code, message, field?}}`: Electron strips thrown Error objects down to a
 * message, so errors travel as plain data and the preload rethrows them.
 */
import { z } from 'zod';
import type { Channel, HostErrorShape, HostEvent } from '../../shared/host/channels.js';
import { channelInputs } from '../../shared/host/channelSchemas.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/bridge.js';
import { HOST_TEXTS } from '../../shared/host/texts.js';
import { text, type Locale } from '../../shared/i18n/texts.js';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: HostErrorShape };

/** What this module uses of an invoke event (Electron's IpcMainInvokeEvent has more). */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

/** What this module uses of Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What this module uses of the window's webContents. */
export interface EventReceiver {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The part of HostService the bridge calls. */
export interface InvokeHandler {
  handle(channel: Channel, payload: unknown): Promise<unknown>;
  /** The app's language, for the refusals written here (French when absent). */
  readonly locale?: Locale;
}

export interface IpcOptions {
  /** True only for the app's own page (the built file:// app, or the dev server in development). */
  isAllowedSender(url: string): boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface IpcBridge {
  /** Give this to the host ports as `emit`: events go to the window, if there is one. */
  emit(event: HostEvent): void;
  dispose(): void;
}

const channelNames = Object.keys(channelInputs) as [Channel, ...Channel[]];
const envelope = z.strictObject({ channel: z.string().max(60), payload: z.unknown().optional() });
const knownChannel = z.enum(channelNames);

const errorShape = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });

function failure(code: string, message: string, field?: string): IpcReply {
  return { ok: false, error: { code, message, ...(field ? { field } : {}) } };
}

/** Anything thrown becomes a plain {code, message, field}; unexpected errors never leak details. */
export function toErrorReply(error: unknown, locale: Locale = 'fr'): IpcReply {
  const shape = errorShape.safeParse(error);
  if (shape.success) return failure(shape.data.code, shape.data.message, shape.data.field);
  return failure('internal', text(HOST_TEXTS, locale, 'unexpected'));
}

export function registerIpc(
  ipcMain: IpcMainLike,
  service: InvokeHandler,
  webContentsSender: () => EventReceiver | null,
  options: IpcOptions,
): IpcBridge {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[styliste] ${message}`, error ?? ''));

  ipcMain.handle(INVOKE_CHANNEL, async (event, request): Promise<IpcReply> => {
    const locale = service.locale ?? 'fr';
    const url = event.senderFrame?.url ?? '';
    if (!url || !options.isAllowedSender(url)) {
      log(`Appel IPC refusé depuis ${url || 'une page inconnue'}`);
      return failure('forbidden', text(HOST_TEXTS, locale, 'foreignPage'));
    }
    const parsed = envelope.safeParse(request);
    if (!parsed.success) return failure('invalid_input', text(HOST_TEXTS, locale, 'invalidEnvelope'));
    const channel = knownChannel.safeParse(parsed.data.channel);
    if (!channel.success) return failure('unknown_channel', text(HOST_TEXTS, locale, 'unknownChannel', { channel: parsed.data.channel }));
    try {
      return { ok: true, value: await service.handle(channel.data, parsed.data.payload) };
    } catch (error) {
      const reply = toErrorReply(error, locale);
      if (!reply.ok && reply.error.code === 'internal') log(`Erreur sur ${channel.data}`, error);
      return reply;
    }
  });

  return {
    emit(event) {
      const target = webContentsSender();
      if (!target || target.isDestroyed()) return;
      try {
        target.send(EVENT_CHANNEL, event);
      } catch (error) {
        log('Événement non transmis à la fenêtre', error);
      }
    },
    dispose() {
      ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
