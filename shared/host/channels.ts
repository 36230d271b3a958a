/**
 * The ONE typed API between the React app and its host (Electron's main process through the
 * preload bridge, or the engine's Web Worker in a browser). Every call is `invoke(channel,
 * payload)`; payloads are checked on the host side with the zod schemas of channelSchemas.ts
 * (kept apart so the React bundle carries only types), because in Electron the renderer is untrusted.
 */
import type { z } from 'zod';
import type { channelInputs } from './channelSchemas.js';
import type { CommandName, CommandResult, QueryName, QueryResult } from '../engine/engine.js';
import type { SyncState } from '../sync/loop.js';

export type Channel = keyof typeof channelInputs;

export interface SessionInfo {
  serverUrl: string;
  user: { id: string; name: string; phone: string; email: string | null };
  workshop: { id: string; name: string };
  member: { id: string; role: 'owner' | 'staff' | 'viewer' };
  deviceCode: string | null;
}

export interface TeamMember {
  id: string;
  name: string;
  phone: string | null;
  role: 'owner' | 'staff' | 'viewer';
  hasAccount: boolean;
}

export interface TeamDevice {
  id: string;
  name: string;
  code: string;
  memberName: string | null;
  lastSeenAt: string;
  revoked: boolean;
}

export interface ChannelResults {
  'engine.execute': unknown;
  'engine.query': unknown;
  'session.get': SessionInfo | null;
  'session.signup': SessionInfo;
  'session.login': SessionInfo;
  'session.acceptInvite': SessionInfo;
  'session.logout': null;
  'sync.now': SyncState;
  'sync.state': SyncState;
  'team.members': { members: TeamMember[]; invites: { id: string; phone: string; name: string; role: string; expiresAt: string }[] };
  'team.invite': { inviteId: string; code: string; expiresAt: string };
  'team.setRole': null;
  'team.remove': null;
  'team.devices': { devices: TeamDevice[] };
  'team.removeDevice': null;
  /** The history of an order closed long ago, fetched from the hub and kept (see domain/history.ts). */
  'orders.loadHistory': { applied: number };
  'files.put': { hash: string };
  'files.get': { bytes: Uint8Array; type: string } | null;
}

export type ChannelInput<C extends Channel> = z.input<(typeof channelInputs)[C]>;

/** Events the host pushes to the app. */
export type HostEvent =
  | { type: 'sync'; state: SyncState }
  | { type: 'changed' }
  | { type: 'progress'; fraction: number | null; pulled: number }
  | { type: 'locked'; reason: string };

/** The typed client side of the API, used by the React app. */
export interface HostApi {
  invoke<C extends Channel>(channel: C, payload?: ChannelInput<C>): Promise<ChannelResults[C]>;
  subscribe(listener: (event: HostEvent) => void): () => void;
}

/** Typed helpers over the two engine channels. */
export function engineClient(api: HostApi) {
  return {
    execute<N extends CommandName>(name: N, input: unknown): Promise<CommandResult<N>> {
      return api.invoke('engine.execute', { name, input }) as Promise<CommandResult<N>>;
    },
    query<N extends QueryName>(name: N, args?: unknown): Promise<QueryResult<N>> {
      return api.invoke('engine.query', { name, args }) as Promise<QueryResult<N>>;
    },
  };
}

/** An error crossing the bridge: the engine's and the cloud's codes and French messages survive. */
export interface HostErrorShape {
  code: string;
  message: string;
  field?: string;
}
