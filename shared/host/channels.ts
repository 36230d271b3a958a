/**
 * The ONE typed API between the React app and its host (Electron's main process through the
 * preload bridge, or the engine's Web Worker in a browser). Every call is `invoke(channel,
 * payload)`; payloads are checked on the host side with the zod schemas of channelSchemas.ts
 * (kept apart so the React bundle carries only types), because in Electron the renderer is untrusted.
 */
import type { z } from 'zod';
import type { channelInputs } from './channelSchemas.js';
import type { CreditEntry, InviteCode, SessionPayload, TeamDevices, TeamList, Tokens } from './cloudContracts.js';
import type { BillingPayments, BillingSubscription, CheckoutResult, CheckoutStatus, PlanChangeResult } from './cloudContracts.js';
import type { PlansView, ReceiptFile } from './billingChannels.js';
import type { CommandInput, CommandName, CommandResult, QueryArgs, QueryName, QueryResult } from '../engine/engine.js';
import type { SyncState } from '../sync/loop.js';
import type { ExportResult } from './exportChannel.js';
import type { DirectoryStats } from './directoryChannels.js';
import type { SupportAccess } from './supportChannels.js';

export type { SessionPayload, TeamDevice, TeamDevices, TeamInvite, TeamList, TeamMember, InviteCode, CreditEntry } from './cloudContracts.js';
export type { BillingPayment, BillingPayments, BillingPack, BillingPlan, BillingSubscription, CheckoutResult, CheckoutStatus } from './cloudContracts.js';
export type { PlansView, ReceiptFile } from './billingChannels.js';
export type { DirectoryStats, DirectoryStatsDay } from './directoryChannels.js';
export type { SupportAccess } from './supportChannels.js';

export type Channel = keyof typeof channelInputs;

/** The signed-in session as the app sees it: the cloud's session answer without its tokens. */
export type SessionInfo = Omit<SessionPayload, keyof Tokens> & { serverUrl: string; deviceCode: string | null };

export interface ChannelResults {
  'engine.execute': unknown;
  'engine.query': unknown;
  'app.setLocale': null;
  'session.get': SessionInfo | null;
  'session.signup': SessionInfo;
  'session.login': SessionInfo;
  'session.acceptInvite': SessionInfo;
  'session.logout': null;
  'sync.now': SyncState;
  'sync.state': SyncState;
  'team.members': TeamList;
  'team.invite': InviteCode;
  'team.setRole': null;
  'team.remove': null;
  'team.devices': TeamDevices;
  'team.removeDevice': null;
  /** The history of an order closed long ago, fetched from the hub and kept (see domain/history.ts). */
  'orders.loadHistory': { applied: number };
  /** The workshop's message credits (messageCredits.ts). */
  'messages.credits': CreditsView;
  /** Billing (billingChannels.ts): the cloud's answers; offline, the app reads the synced `subscription` row. */
  'billing.plans': PlansView;
  /** Null when the cloud cannot be reached. */
  'billing.subscription': BillingSubscription | null;
  'billing.checkout': CheckoutResult;
  'billing.checkoutStatus': CheckoutStatus;
  'billing.payments': BillingPayments;
  'billing.receipt': ReceiptFile;
  'billing.change': PlanChangeResult;
  'billing.cancel': PlanChangeResult;
  'billing.undoChange': PlanChangeResult;
  'billing.openExternal': null;
  /** The owner's whole workshop as one ZIP, from this device's data (exportChannel.ts). */
  'export.workshop': ExportResult;
  /** The owner's public page statistics (directoryChannels.ts); null when the cloud cannot be reached. */
  'directory.stats': DirectoryStats | null;
  /** The owner's permission for the support view (supportChannels.ts); null when the cloud cannot be reached. */
  'support.access': SupportAccess | null;
  'support.allow': SupportAccess;
  'support.withdraw': SupportAccess;
  'files.put': { hash: string };
  'files.get': { bytes: Uint8Array; type: string } | null;
}

export type ChannelInput<C extends Channel> = z.input<(typeof channelInputs)[C]>;

/**
 * The workshop's message credits as the app shows them: the cloud's answer when it can be reached
 * (`live`), else the last balance this host kept with the time it was read (`checkedAt`), or
 * nothing yet (`balance` null) on a device that never reached it.
 */
export interface CreditsView {
  balance: number | null;
  /** The latest ledger entries, newest first (empty when not live). */
  entries: CreditEntry[];
  checkedAt: string | null;
  live: boolean;
}

/** Events the host pushes to the app. */
export type HostEvent =
  | { type: 'sync'; state: SyncState }
  | { type: 'changed' }
  | { type: 'progress'; fraction: number | null; pulled: number }
  | { type: 'locked'; reason: string }
  /** The export's progress: rows then photos done, of the total (exportChannel.ts). */
  | { type: 'export'; phase: 'rows' | 'photos' | 'done'; done: number; total: number };

/** The typed client side of the API, used by the React app. */
export interface HostApi {
  invoke<C extends Channel>(channel: C, payload?: ChannelInput<C>): Promise<ChannelResults[C]>;
  subscribe(listener: (event: HostEvent) => void): () => void;
}

/** A query's arguments: optional when its schema has a default, required otherwise. */
export type QueryArgsParam<N extends QueryName> = undefined extends QueryArgs<N> ? [args?: QueryArgs<N>] : [args: QueryArgs<N>];

/**
 * Typed helpers over the two engine channels: the input of a command and the arguments of a
 * query are those of its zod schema (`z.input`), its result what it returns, by name.
 */
export function engineClient(api: HostApi) {
  return {
    execute<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> {
      return api.invoke('engine.execute', { name, input }) as Promise<CommandResult<N>>;
    },
    query<N extends QueryName>(name: N, ...[args]: QueryArgsParam<N>): Promise<QueryResult<N>> {
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
