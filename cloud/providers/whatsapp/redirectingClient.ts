/**
 * Twilio's SDK builds every request's full address itself (`https://api.twilio.com/2010-04-01/…`,
 * with an edge or region folded into the host name) and hands it to its `httpClient`. For tests
 * and staging (TWILIO_BASE_URL), this subclass of the SDK's own RequestClient swaps the scheme
 * and host for the base URL's and keeps the path and query, so everything else — auth, form
 * encoding, timeouts, error handling — stays the SDK's.
 */
import twilio from 'twilio';
import type SdkRequestClient from 'twilio/lib/base/RequestClient';
import type SdkResponse from 'twilio/lib/http/response';

export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string, options: SdkRequestClient.RequestClientOptions = {}) {
    super(options);
    this.base = new URL(baseUrl);
  }

  /** https://api.twilio.com/2010-04-01/Accounts/AC…/Messages.json → <base>/2010-04-01/Accounts/AC…/Messages.json */
  redirect(uri: string): string {
    const original = new URL(uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return `${this.base.origin}${prefix}${original.pathname}${original.search}`;
  }

  override request<TData>(opts: SdkRequestClient.RequestOptions<TData>): Promise<SdkResponse<TData>> {
    return super.request<TData>({ ...opts, uri: this.redirect(opts.uri) });
  }
}
