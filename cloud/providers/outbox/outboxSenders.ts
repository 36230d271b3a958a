/**
 * The message providers without credentials: each writes exactly what it would have sent to the
 * development outbox, logs one line, and answers `outbox` — never `accepted`, so nothing is ever
 * shown as sent or delivered. Webhooks cannot be checked without a secret, so none is accepted.
 */
import type { Logger } from 'pino';
import type { InOutbox, SendOutcome } from '../outcome.js';
import type { SmsMessage, SmsSender } from '../sms/port.js';
import type { WhatsAppMessage, WhatsAppSender } from '../whatsapp/port.js';
import type { EmailMessage, EmailSender } from '../email/port.js';
import type { DevOutbox, OutboxProvider } from './devOutbox.js';

const MISSING: Record<OutboxProvider, string> = {
  sms: 'AFRICASTALKING_USERNAME, AFRICASTALKING_API_KEY, AFRICASTALKING_WEBHOOK_TOKEN',
  whatsapp: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM',
  email: 'SMTP_URL, MAIL_FROM',
  payments: 'FEDAPAY_SECRET_KEY, FEDAPAY_WEBHOOK_SECRET',
};

export async function writeToOutbox(
  outbox: DevOutbox,
  logger: Logger | undefined,
  provider: OutboxProvider,
  fields: { reference?: string | undefined; to: string; payload: Record<string, unknown> },
): Promise<InOutbox & { entry: { id: string } }> {
  const { entry, file } = await outbox.write(provider, { reference: fields.reference ?? null, to: fields.to, payload: fields.payload });
  logger?.info({ provider, entryId: entry.id, reference: entry.reference, file }, `${provider}: no credentials (${MISSING[provider]}), written to the development outbox, nothing sent`);
  return { status: 'outbox', entryId: entry.id, file, entry };
}

/** What the three message senders share: where they write, and the outcome without the entry. */
abstract class OutboxSender {
  readonly kind = 'outbox' as const;

  constructor(
    private readonly outbox: DevOutbox,
    private readonly logger?: Logger,
  ) {}

  protected async write(provider: OutboxProvider, reference: string | undefined, to: string, payload: Record<string, unknown>): Promise<SendOutcome> {
    const { entry: _entry, ...outcome } = await writeToOutbox(this.outbox, this.logger, provider, { reference, to, payload });
    return outcome;
  }
}

export class OutboxSms extends OutboxSender implements SmsSender {
  send(message: SmsMessage): Promise<SendOutcome> {
    return this.write('sms', message.reference, message.to, { to: message.to, message: message.text });
  }

  async sendToMany(to: string[], text: string, reference?: string): Promise<SendOutcome[]> {
    const outcomes: SendOutcome[] = [];
    for (const number of to) outcomes.push(await this.send({ to: number, text, ...(reference ? { reference } : {}) }));
    return outcomes;
  }

  acceptsWebhookToken(): boolean {
    return false;
  }
}

export class OutboxWhatsApp extends OutboxSender implements WhatsAppSender {
  send(message: WhatsAppMessage): Promise<SendOutcome> {
    const content = message.template ? { contentSid: message.template.contentSid, contentVariables: JSON.stringify(message.template.variables) } : { body: message.text };
    return this.write('whatsapp', message.reference, message.to, { to: `whatsapp:${message.to}`, ...content });
  }

  validateWebhook(): boolean {
    return false;
  }
}

export class OutboxEmail extends OutboxSender implements EmailSender {
  send(message: EmailMessage): Promise<SendOutcome> {
    const { to, subject, text, html, replyTo } = message;
    return this.write('email', message.reference, to, { to, subject, text, ...(html ? { html } : {}), ...(replyTo ? { replyTo } : {}) });
  }

  close(): void {}
}
