/**
 * The host's client of the cloud's HTTP API (accounts, team, devices, files). It keeps the
 * session's tokens, refreshes the access token once when it expires (one refresh at a time),
 * asks for answers in the app's language, and turns error answers into CloudError with the
 * server's code and message.
 */
import { text, type Locale } from '../i18n/texts.js';
import type { Tokens } from './cloudContracts.js';
import { HOST_TEXTS } from './texts.js';

export type { SessionPayload, Tokens } from './cloudContracts.js';

export class CloudError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export class CloudApi {
  private refreshing: Promise<string> | null = null;
  /** The language of the cloud's messages (Accept-Language) and of this client's own. */
  locale: Locale = 'fr';

  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch,
    private tokens: Tokens | null,
    private readonly onTokens: (tokens: Tokens | null) => Promise<void>,
  ) {}

  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  private say(key: keyof (typeof HOST_TEXTS)['fr'], params?: Record<string, string | number>): string {
    return text(HOST_TEXTS, this.locale, key, params);
  }

  async setTokens(tokens: Tokens | null): Promise<void> {
    this.tokens = tokens;
    await this.onTokens(tokens);
  }

  /** A usable access token: the current one, or a new one from the refresh token. */
  async token(forceRefresh: boolean): Promise<string> {
    if (!this.tokens) throw new CloudError(401, 'unauthorized', this.say('signInRequired'));
    if (!forceRefresh) return this.tokens.accessToken;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) throw new CloudError(401, 'unauthorized', this.say('signInRequired'));
    const fresh = await this.request<Tokens>('POST', '/api/auth/refresh', { refreshToken }, false);
    await this.setTokens(fresh);
    return fresh.accessToken;
  }

  /** JSON request; with `auth`, the Bearer token (refreshed once on token_expired). */
  async request<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const send = async (token: string | null) => {
      const headers: Record<string, string> = { 'accept-language': this.locale };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      try {
        return await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch {
        throw new CloudError(0, 'offline', this.say('offline'));
      }
    };
    let response = await send(auth ? await this.token(false) : null);
    if (auth && response.status === 401) response = await send(await this.token(true));
    return this.read<T>(response);
  }

  async raw(method: string, path: string, body: Uint8Array | undefined, headers: Record<string, string> = {}): Promise<Response> {
    const send = async (token: string) => {
      try {
        return await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers: { ...headers, 'accept-language': this.locale, authorization: `Bearer ${token}` }, body: body as BodyInit | undefined });
      } catch {
        throw new CloudError(0, 'offline', this.say('offline'));
      }
    };
    let response = await send(await this.token(false));
    if (response.status === 401) response = await send(await this.token(true));
    return response;
  }

  private async read<T>(response: Response): Promise<T> {
    if (response.status === 204) return null as T;
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new CloudError(response.status, 'bad_response', this.say('unreadable'));
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      throw new CloudError(response.status, error?.code ?? 'error', error?.message ?? this.say('httpError', { status: response.status }), error?.field);
    }
    return json as T;
  }
}
