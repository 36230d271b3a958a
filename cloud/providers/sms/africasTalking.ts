/**
 * SMS through Africa's Talking's official SDK. The SDK resolves only on HTTP 201 and then gives
 * one result per recipient (`status`, `statusCode`, `messageId`, `cost`, `number`); anything else
 * rejects, with an axios error, the answer's body, or its own validation `Error`. Each of those
 * becomes an outcome: accepted with the provider's id and cost, or failed with a French reason
 * and whether another try can help. The SDK has no timeout of its own, so we stop waiting after
 * `timeoutMs` (the request may still reach Africa's Talking: a timeout is transient, and ambiguous).
 */
import type { Logger } from 'pino';
import type { AfricasTalkingSettings } from '../settings.js';
import { failed, networkFailure, parseCost, type Failed, type SendOutcome } from '../outcome.js';
import { sameSecret } from '../secrets.js';
import { createAtClient, pointSmsAt, type AtClient, type AtRecipient, type AtSendAnswer } from './africasTalkingSdk.js';
import type { SmsMessage, SmsSender } from './port.js';

/** Africa's Talking's per-recipient status codes (101 Sent, 403 InvalidPhoneNumber…) → ours. */
const RECIPIENT_FAILURES: Record<number, { code: Failed['code']; permanent: boolean }> = {
  401: { code: 'rejected', permanent: true }, // RiskHold
  402: { code: 'invalid_sender', permanent: true }, // InvalidSenderId
  403: { code: 'invalid_number', permanent: true }, // InvalidPhoneNumber
  404: { code: 'unsupported_number', permanent: true }, // UnsupportedNumberType
  405: { code: 'provider_balance', permanent: false }, // InsufficientBalance: ours, worth a try once topped up
  406: { code: 'blacklisted', permanent: true }, // UserInBlacklist
  407: { code: 'rejected', permanent: true }, // CouldNotRoute
  409: { code: 'blacklisted', permanent: true }, // DoNotDisturbRejection
  500: { code: 'provider_unavailable', permanent: false }, // InternalServerError
  501: { code: 'provider_unavailable', permanent: false }, // GatewayError
  502: { code: 'rejected', permanent: true }, // RejectedByGateway
};

const ACCEPTED_CODES = new Set([100, 101, 102]); // Processed, Sent, Queued

/** When the whole request is refused, the answer's `Message` names why. */
const MESSAGE_FAILURES: Array<[RegExp, Failed['code'], boolean]> = [
  [/InvalidSenderId/i, 'invalid_sender', true],
  [/InsufficientBalance/i, 'provider_balance', false],
  [/InvalidPhoneNumber/i, 'invalid_number', true],
  [/Blacklist/i, 'blacklisted', true],
];

export interface AfricasTalkingOptions {
  timeoutMs?: number;
  logger?: Logger;
}

function recipientOutcome(recipient: AtRecipient): SendOutcome {
  const status = recipient.status ?? '';
  const code = Number(recipient.statusCode);
  if (ACCEPTED_CODES.has(code) && recipient.messageId) {
    return { status: 'accepted', providerId: recipient.messageId, providerStatus: status, cost: parseCost(recipient.cost) };
  }
  const known = RECIPIENT_FAILURES[code];
  if (known) return failed(known.code, known.permanent, `${code} ${status}`.trim());
  return failed(code >= 500 ? 'provider_unavailable' : 'rejected', !(code >= 500), `${code || '?'} ${status}`.trim());
}

function wholeRequestFailure(message: string): Failed {
  for (const [pattern, code, permanent] of MESSAGE_FAILURES) if (pattern.test(message)) return failed(code, permanent, message);
  return failed('unknown', false, message || 'no recipient in the answer');
}

/** What the SDK's rejection means: its validation Error, an axios error, or a non-201 answer's body. */
function rejectionOutcome(error: unknown): Failed {
  const response = (error as { response?: { status?: number; data?: unknown } } | null)?.response;
  if (response && typeof response.status === 'number') {
    const status = response.status;
    const detail = `HTTP ${status}${typeof response.data === 'string' && response.data ? ` ${response.data.slice(0, 200)}` : ''}`;
    if (status === 401 || status === 403) return failed('provider_credentials', false, detail);
    if (status === 429) return failed('rate_limited', false, detail);
    if (status >= 500) return failed('provider_unavailable', false, String(status));
    return failed('rejected', true, detail);
  }
  if ((error as { isAxiosError?: boolean } | null)?.isAxiosError) return networkFailure(error);
  if (error instanceof Error) {
    // The SDK checks numbers itself (google-libphonenumber, through Joi) before any request:
    // '"to" failed custom validation because …', 'to: must be a valid phone number'.
    if (/^"to(\[\d+\])?"|\bto\b.*valid phone number/i.test(error.message)) return failed('invalid_number', true, error.message);
    return failed('rejected', true, error.message);
  }
  // A 2xx other than 201: the SDK rejects with the answer's body.
  return failed('unknown', false, `unexpected answer ${JSON.stringify(error)?.slice(0, 200)}`);
}

/** The positions the SDK's own number check refused ('"to[1]" failed custom validation…'). */
function refusedNumbers(error: unknown, count: number): Set<number> {
  if (!(error instanceof Error) || count < 2) return new Set();
  const positions = [...error.message.matchAll(/"to\[(\d+)\]"/g)].map((match) => Number(match[1]));
  return new Set(positions.filter((index) => index < count));
}

export class AfricasTalkingSms implements SmsSender {
  readonly kind = 'africastalking' as const;
  private readonly client: AtClient;
  private readonly smsUrl: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly settings: AfricasTalkingSettings,
    private readonly options: AfricasTalkingOptions = {},
  ) {
    const { client, sdkSmsUrl } = createAtClient(settings.username, settings.apiKey);
    this.client = client;
    this.smsUrl = settings.baseUrl ? `${settings.baseUrl}/version1/messaging` : sdkSmsUrl;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(message: SmsMessage): Promise<SendOutcome> {
    const [outcome] = await this.sendToMany([message.to], message.text, message.reference);
    return outcome!;
  }

  async sendToMany(to: string[], text: string, reference?: string): Promise<SendOutcome[]> {
    if (to.length === 0) return [];
    let timer: NodeJS.Timeout | undefined;
    let answer: AtSendAnswer;
    try {
      pointSmsAt(this.smsUrl); // read by the SDK synchronously inside send(): see africasTalkingSdk.ts
      const sending = this.client.SMS.send({ to, message: text, ...(this.settings.senderId ? { from: this.settings.senderId } : {}) });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer after ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })), this.timeoutMs);
      });
      answer = await Promise.race([sending, timeout]);
    } catch (error) {
      const refused = refusedNumbers(error, to.length);
      if (refused.size > 0 && refused.size < to.length) return this.withoutRefused(to, refused, text, reference, error as Error);
      const isOurTimeout = (error as { code?: string } | null)?.code === 'ETIMEDOUT' && !(error as { isAxiosError?: boolean }).isAxiosError;
      const outcome = isOurTimeout ? failed('timeout', false, (error as Error).message) : rejectionOutcome(error);
      this.options.logger?.warn({ provider: 'africastalking', reference, code: outcome.code, detail: outcome.detail }, 'SMS not accepted');
      return to.map(() => outcome);
    } finally {
      clearTimeout(timer);
    }
    const recipients = answer.SMSMessageData?.Recipients ?? [];
    const byNumber = new Map(recipients.map((recipient) => [recipient.number, recipient]));
    const whole = answer.SMSMessageData?.Message ?? '';
    return to.map((number, index) => {
      // Matched by number; a single recipient answered under another spelling still matches.
      const recipient = byNumber.get(number) ?? (to.length === 1 && recipients.length === 1 ? recipients[0] : recipients.length === to.length ? recipients[index] : undefined);
      return recipient ? recipientOutcome(recipient) : wholeRequestFailure(whole);
    });
  }

  /** The SDK refuses the whole request for one bad number: send to the others, fail that one. */
  private async withoutRefused(to: string[], refused: Set<number>, text: string, reference: string | undefined, error: Error): Promise<SendOutcome[]> {
    const rest = await this.sendToMany(to.filter((_, index) => !refused.has(index)), text, reference);
    return to.map((_, index) => (refused.has(index) ? failed('invalid_number', true, error.message) : rest.shift()!));
  }

  acceptsWebhookToken(token: unknown): boolean {
    return sameSecret(token, this.settings.webhookToken);
  }
}
