/**
 * The host side of the app's API, the same in Electron's main process and in the browser's
 * engine worker: it checks every call's payload, runs the engine, holds the session, keeps the
 * workshop in sync in the background, and reaches the cloud for what needs it (accounts, team).
 */
import type { z } from 'zod';
import type { Channel, ChannelResults, CreditsView, HostErrorShape, SessionInfo } from './channels.js';
import { channelInputs } from './channelSchemas.js';
import { CloudApi, CloudError } from './cloudApi.js';
import type { InviteCode, SessionPayload, TeamDevices, TeamList } from './cloudContracts.js';
import { HOST_TEXTS, type HostTextKey } from './texts.js';
import { text, type Locale, type TextParams } from '../i18n/texts.js';
import { sha256Hex, type HostPorts, type StoredSession, type WorkshopDatabase } from './ports.js';
import { uploadPendingPhotos } from './photoUploads.js';
import { loadOrderHistory } from './orderHistory.js';
import { readCredits, type KeptCredits } from './messageCredits.js';
import { ExportChannel } from './exportChannel.js';
import { BillingChannels } from './billingChannels.js';
import { DirectoryChannels } from './directoryChannels.js';
import { SupportChannels } from './supportChannels.js';
import { SyncClient, SyncFailure } from '../sync/client.js';
import { SyncLoop, type SyncState } from '../sync/loop.js';
import { isEngineError } from '../domain/errors.js';
import type { CommandName, QueryName } from '../engine/engine.js';

/** A channel's payload once its schema has checked it. */
type Input<C extends Channel> = z.output<(typeof channelInputs)[C]>;

export class HostService {
  private session: StoredSession | null = null;
  private db: WorkshopDatabase | null = null;
  private api: CloudApi | null = null;
  private loop: SyncLoop | null = null;
  private client: SyncClient | null = null;
  private state: SyncState = { status: 'idle', lastSync: null, lastReport: null };
  /** The last message-credits balance read (the session keeps the one last written down). */
  private keptCredits: KeptCredits | null = null;
  /** The app's language (app.setLocale): the engine's, the cloud's and the host's messages follow it. */
  private currentLocale: Locale = 'fr';
  /** The owner's export (exportChannel.ts), one at a time. */
  private exporter: ExportChannel | null = null;
  /** The billing channels (billingChannels.ts). */
  private readonly billing: BillingChannels;
  /** The directory's statistics (directoryChannels.ts). */
  private readonly directory = new DirectoryChannels(() => this.cloud());
  /** The owner's permission for the support view (supportChannels.ts). */
  private readonly support = new SupportChannels(() => this.cloud());

  constructor(private readonly ports: HostPorts) {
    this.billing = new BillingChannels(() => this.cloud(), ports.openExternal ? (url) => ports.openExternal!(url) : undefined);
  }

  get locale(): Locale {
    return this.currentLocale;
  }

  private say(key: HostTextKey, params?: TextParams): string {
    return text(HOST_TEXTS, this.currentLocale, key, params);
  }

  private setLocale(locale: Locale): void {
    this.currentLocale = locale;
    if (this.db) this.db.engine.locale = locale;
    if (this.api) this.api.locale = locale;
  }

  /** At start: reopen the workshop of the saved session, if any, and resume syncing. */
  async init(): Promise<void> {
    const saved = await this.ports.loadSession();
    if (saved) await this.enter(saved, false);
  }

  /** Runs one call; errors come back as {code, message, field} in the user's language. */
  async handle<C extends Channel>(channel: C, payload: unknown): Promise<ChannelResults[C]> {
    try {
      const schema = channelInputs[channel];
      if (!schema) throw new CloudError(400, 'unknown_channel', this.say('unknownChannel', { channel: String(channel) }));
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new CloudError(400, 'invalid_input', this.say('invalidRequest', { message: parsed.error.issues[0]?.message ?? '' }));
      return (await this.dispatch(channel, parsed.data)) as ChannelResults[C];
    } catch (error) {
      throw toShape(error, this.currentLocale);
    }
  }

  private async dispatch(channel: Channel, input: unknown): Promise<unknown> {
    switch (channel) {
      case 'engine.execute': {
        const { name, input: commandInput } = input as Input<'engine.execute'>;
        const result = await this.engine().execute(name as CommandName, commandInput as never);
        this.ports.emit({ type: 'changed' });
        this.loop?.poke();
        return result;
      }
      case 'engine.query': {
        const { name, args } = input as Input<'engine.query'>;
        return this.engine().query(name as QueryName, args as never);
      }
      case 'app.setLocale':
        this.setLocale((input as Input<'app.setLocale'>).locale);
        return null;
      case 'session.get':
        return this.info();
      case 'session.signup':
        return this.start('/api/auth/signup', input);
      case 'session.login':
        return this.start('/api/auth/login', input);
      case 'session.acceptInvite':
        return this.start('/api/invites/accept', input);
      case 'session.logout':
        await this.logout();
        return null;
      case 'sync.now':
        await this.loop?.tick();
        return this.state;
      case 'sync.state':
        return this.state;
      case 'team.members':
        return this.cloud().request<TeamList>('GET', '/api/members');
      case 'team.invite':
        return this.cloud().request<InviteCode>('POST', '/api/invites', input);
      case 'team.setRole': {
        const { memberId, role } = input as Input<'team.setRole'>;
        await this.cloud().request('PATCH', `/api/members/${memberId}`, { role });
        await this.loop?.tick();
        return null;
      }
      case 'team.remove':
        await this.cloud().request('DELETE', `/api/members/${(input as Input<'team.remove'>).memberId}`);
        await this.loop?.tick();
        return null;
      case 'team.devices':
        return this.cloud().request<TeamDevices>('GET', '/api/devices');
      case 'team.removeDevice':
        await this.cloud().request('DELETE', `/api/devices/${(input as Input<'team.removeDevice'>).deviceId}`);
        return null;
      case 'orders.loadHistory': {
        const applied = await loadOrderHistory(this.cloud(), this.engine(), (input as Input<'orders.loadHistory'>).orderId);
        if (applied > 0) this.ports.emit({ type: 'changed' });
        return { applied };
      }
      case 'messages.credits':
        return this.credits();
      case 'billing.plans':
        return this.billing.plans();
      case 'billing.subscription':
        return this.billing.subscription();
      case 'billing.checkout':
        return this.billing.checkout(input as Input<'billing.checkout'>);
      case 'billing.checkoutStatus': {
        const status = await this.billing.checkoutStatus((input as Input<'billing.checkoutStatus'>).checkoutId);
        // Settled: the hub has rewritten the subscription row (or the credits); bring it here now.
        if (status.status !== 'pending') await this.syncNowForBilling();
        return status;
      }
      case 'billing.payments':
        return this.billing.payments();
      case 'billing.receipt':
        return this.billing.receipt((input as Input<'billing.receipt'>).paymentId);
      case 'billing.change': {
        const { planId, cycle } = input as Input<'billing.change'>;
        const result = await this.billing.change(planId, cycle);
        await this.syncNowForBilling();
        return result;
      }
      case 'billing.cancel': {
        const result = await this.billing.cancel();
        await this.syncNowForBilling();
        return result;
      }
      case 'billing.undoChange': {
        const result = await this.billing.undoChange();
        await this.syncNowForBilling();
        return result;
      }
      case 'billing.openExternal':
        return this.billing.openPage((input as Input<'billing.openExternal'>).url);
      case 'export.workshop':
        return (this.exporter ??= new ExportChannel(this.ports.photos, (e) => this.ports.emit(e))).run(this.engine(), this.currentLocale);
      case 'directory.stats':
        return this.directory.stats((input as Input<'directory.stats'>).days);
      case 'support.access':
        return this.support.current();
      case 'support.allow':
        return this.support.allow();
      case 'support.withdraw':
        return this.support.withdraw();
      case 'files.put': {
        const { bytes, kind } = input as Input<'files.put'>;
        if (bytes.length > 15 * 1024 * 1024) throw new CloudError(413, 'file_too_large', this.say('photoTooLarge'));
        const hash = await sha256Hex(bytes);
        await this.ports.photos.put(hash, bytes, kind);
        this.loop?.poke();
        return { hash };
      }
      case 'files.get':
        return this.photo(input as Input<'files.get'>);
    }
  }

  /**
   * A sync right after the hub changed the subscription. A sync already under way (started before
   * the change) is joined by tick(): when it brought nothing, one more round fetches the change.
   */
  private async syncNowForBilling(): Promise<void> {
    await this.loop?.tick();
    if (this.state.status === 'idle' && (this.state.lastReport?.pulled ?? 0) === 0) await this.loop?.tick();
  }

  private engine() {
    if (!this.db) throw new CloudError(401, 'not_signed_in', this.say('notSignedIn'));
    return this.db.engine;
  }

  private cloud(): CloudApi {
    if (!this.api) throw new CloudError(401, 'not_signed_in', this.say('notSignedIn'));
    return this.api;
  }

  private info(): SessionInfo | null {
    const s = this.session;
    return s ? { serverUrl: s.serverUrl, user: s.user, workshop: s.workshop, member: s.member, deviceCode: s.deviceCode } : null;
  }

  /** Sign up, log in or accept an invitation, then open the workshop and sync it. */
  private async start(path: string, input: unknown): Promise<SessionInfo> {
    const { deviceName, ...body } = input as Record<string, unknown> & { deviceName?: string };
    const anonymous = new CloudApi(this.ports.serverUrl, this.ports.fetch, null, async () => undefined);
    anonymous.locale = this.currentLocale;
    const payload = await anonymous.request<SessionPayload>('POST', path, body, false);
    if (this.session && this.session.workshop.id !== payload.workshop.id) await this.close();
    await this.enter({ ...payload, serverUrl: this.ports.serverUrl, deviceCode: null }, true, deviceName);
    return this.info()!;
  }

  private async enter(session: StoredSession, fresh: boolean, deviceName?: string): Promise<void> {
    this.session = session;
    await this.ports.saveSession(session);
    this.api = new CloudApi(session.serverUrl, this.ports.fetch, session, async (tokens) => {
      if (!this.session) return;
      this.session = tokens ? { ...this.session, ...tokens } : this.session;
      await this.ports.saveSession(this.session);
    });
    this.api.locale = this.currentLocale;
    this.keptCredits = session.credits ?? null;
    this.db ??= await this.ports.openWorkshop(session.workshop.id);
    this.db.engine.locale = this.currentLocale;
    // Tracking links in messages: the cloud's public address, the one this host syncs with by default.
    this.db.engine.publicUrl = this.ports.publicUrl ?? session.serverUrl;
    const api = this.api;
    this.client = new SyncClient({
      engine: this.db.engine,
      baseUrl: session.serverUrl,
      fetch: this.ports.fetch,
      accessToken: (refresh) => api.token(refresh),
      locale: () => this.currentLocale,
      onProgress: (p) => this.ports.emit({ type: 'progress', fraction: p.fraction, pulled: p.pulled }),
    });
    this.loop?.stop();
    this.loop = new SyncLoop(this.client, { onState: (state) => void this.onSyncState(state) });
    if (fresh) {
      // Online right now (we just signed in): register the device and take the workshop.
      const code = await this.client.register(deviceName ?? this.ports.deviceName, (c) => this.db!.engine.assignDeviceCode(c));
      this.session = { ...this.session, deviceCode: code };
      await this.ports.saveSession(this.session);
      await this.client.sync();
      this.ports.emit({ type: 'changed' });
    }
    await this.db.engine.useMember(session.member.id).catch(() => undefined);
    this.loop.start();
  }

  private async onSyncState(state: SyncState): Promise<void> {
    this.state = state;
    this.ports.emit({ type: 'sync', state });
    if (state.status === 'idle') {
      if ((state.lastReport?.pulled ?? 0) > 0) this.ports.emit({ type: 'changed' });
      if (this.api) await uploadPendingPhotos(this.api, this.ports.photos).catch(() => undefined);
    }
    if (state.status === 'stopped' && state.reason === 'access_revoked') {
      // The owner removed us (or this device): lock and erase the workshop's data here.
      await this.db?.wipe();
      this.db = null;
      await this.forget();
      this.ports.emit({ type: 'locked', reason: state.message });
    }
  }

  private async credits(): Promise<CreditsView> {
    const api = this.cloud();
    const written = this.session?.credits ?? null;
    const read = await readCredits(api, this.keptCredits ?? written, written, () => new Date());
    if (read.latest) this.keptCredits = read.latest;
    if (read.persist && read.latest && this.session) {
      this.session = { ...this.session, credits: read.latest };
      await this.ports.saveSession(this.session);
    }
    return read.view;
  }

  private async photo({ hash, thumb }: { hash: string; thumb?: boolean }): Promise<ChannelResults['files.get']> {
    const local = await this.ports.photos.get(hash);
    if (local && !thumb) return { bytes: local, type: 'image/*' };
    if (!this.api) return local ? { bytes: local, type: 'image/*' } : null;
    try {
      const response = await this.api.raw('GET', `/api/files/${hash}${thumb ? '/thumb' : ''}`, undefined);
      if (!response.ok) return local ? { bytes: local, type: 'image/*' } : null;
      return { bytes: new Uint8Array(await response.arrayBuffer()), type: 'image/webp' };
    } catch {
      return local ? { bytes: local, type: 'image/*' } : null;
    }
  }

  private async logout(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    if (this.api && refreshToken) await this.api.request('POST', '/api/auth/logout', { refreshToken }, false).catch(() => undefined);
    await this.close();
    await this.forget();
  }

  private async close(): Promise<void> {
    this.loop?.stop();
    this.loop = null;
    await this.db?.engine.close();
    this.db = null;
  }

  private async forget(): Promise<void> {
    this.loop?.stop();
    this.session = null;
    this.keptCredits = null;
    this.api = null;
    await this.ports.saveSession(null);
  }
}

export function toShape(error: unknown, locale: Locale = 'fr'): HostErrorShape {
  if (isEngineError(error)) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof CloudError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof SyncFailure) return { code: error.kind, message: error.message };
  return { code: 'internal', message: text(HOST_TEXTS, locale, 'unexpected') };
}
