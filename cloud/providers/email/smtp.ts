/**
 * E-mail over SMTP with nodemailer, from SMTP_URL (smtp:// or smtps://, credentials in the URL)
 * and MAIL_FROM. A reply in the 5xx range is final (unknown mailbox, message refused); 4xx
 * replies, lost connections and timeouts are worth another try. Timeouts are much shorter than
 * nodemailer's defaults (2 minutes to connect, 10 of silence), so a stuck server holds a job
 * for seconds, not minutes.
 */
import nodemailer, { type Mail } from 'nodemailer';
import type { Logger } from 'pino';
import type { SmtpSettings } from '../settings.js';
import { failed, type Failed, type SendOutcome } from '../outcome.js';
import type { EmailMessage, EmailSender } from './port.js';

export interface SmtpOptions {
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
  logger?: Logger;
}

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET']);

function smtpFailure(error: unknown): Failed {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; command?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const reply = typeof e?.responseCode === 'number' ? e.responseCode : null;
  const detail = (typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(error)).slice(0, 300);
  if (code === 'EAUTH' || code === 'ENOAUTH') return failed('provider_credentials', false, detail);
  if (reply !== null && reply >= 500) {
    // Refused at RCPT TO: the address; anywhere else (MAIL FROM, DATA): the message itself.
    const atRecipient = code === 'EENVELOPE' && /RCPT/i.test(String(e?.command ?? 'RCPT'));
    return failed(atRecipient ? 'invalid_address' : 'rejected', true, detail);
  }
  if (reply !== null && reply >= 400) return failed('provider_unavailable', false, String(reply)); // 4xx: "try again later", in SMTP's own words
  if (code === 'ETIMEDOUT') return failed('timeout', false, detail);
  if (NETWORK_CODES.has(code)) return failed('network', false, code);
  if (code === 'EENVELOPE') return failed('invalid_address', true, detail); // an address nodemailer itself cannot use
  return failed('unknown', false, detail);
}

export class SmtpEmail implements EmailSender {
  readonly kind = 'smtp' as const;
  private readonly transport: Mail;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly options: SmtpOptions = {},
  ) {
    const connectionTimeout = options.connectionTimeoutMs ?? 10_000;
    this.transport = nodemailer.createTransport({
      url: settings.url,
      connectionTimeout,
      greetingTimeout: connectionTimeout,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
    });
  }

  async send(message: EmailMessage): Promise<SendOutcome> {
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) return failed('invalid_address', true, `rejected: ${rejected.join(', ')}`);
      return { status: 'accepted', providerId: info.messageId, providerStatus: String(info.response ?? '').slice(0, 100), cost: null };
    } catch (error) {
      const outcome = smtpFailure(error);
      this.options.logger?.warn({ provider: 'smtp', reference: message.reference, code: outcome.code, detail: outcome.detail }, 'e-mail not accepted');
      return outcome;
    }
  }

  close(): void {
    this.transport.close();
  }
}
