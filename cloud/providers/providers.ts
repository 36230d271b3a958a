/**
 * The providers, built once by the composition root: each one the adapter over its official SDK
 * when its settings are complete, or the development outbox when they are absent (like
 * `createStorage` in files/storage.ts). In production a provider left on the outbox is said
 * loudly at start: it sends nothing.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { DevOutbox } from './outbox/devOutbox.js';
import { OutboxEmail, OutboxSms, OutboxWhatsApp } from './outbox/outboxSenders.js';
import { OutboxPayments } from './outbox/outboxPayments.js';
import { AfricasTalkingSms } from './sms/africasTalking.js';
import { TwilioWhatsApp } from './whatsapp/twilio.js';
import { SmtpEmail } from './email/smtp.js';
import { FedaPayPayments } from './payments/fedapay.js';
import type { SmsSender } from './sms/port.js';
import type { WhatsAppSender } from './whatsapp/port.js';
import type { EmailSender } from './email/port.js';
import type { PaymentProvider } from './payments/port.js';

export interface Providers {
  sms: SmsSender;
  whatsapp: WhatsAppSender;
  email: EmailSender;
  payments: PaymentProvider;
}

export interface ProviderTimeouts {
  /** How long to wait for a provider's answer (SMS, WhatsApp, payments) and for an SMTP connection. */
  timeoutMs?: number;
}

export function createProviders(config: Config, logger: Logger, timeouts: ProviderTimeouts = {}): Providers {
  const outbox = new DevOutbox(config.dataDir);
  const p = config.providers;
  const timeout = timeouts.timeoutMs !== undefined ? { timeoutMs: timeouts.timeoutMs } : {};
  const providers: Providers = {
    sms: p.africasTalking ? new AfricasTalkingSms(p.africasTalking, { ...timeout, logger }) : new OutboxSms(outbox, logger),
    whatsapp: p.twilio ? new TwilioWhatsApp(p.twilio, { ...timeout, logger }) : new OutboxWhatsApp(outbox, logger),
    email: p.smtp
      ? new SmtpEmail(p.smtp, { logger, ...(timeouts.timeoutMs !== undefined ? { connectionTimeoutMs: timeouts.timeoutMs } : {}) })
      : new OutboxEmail(outbox, logger),
    payments: p.fedapay ? new FedaPayPayments(p.fedapay, timeout) : new OutboxPayments(outbox, config.publicUrl, logger),
  };
  const onOutbox = Object.entries(providers)
    .filter(([, provider]) => provider.kind === 'outbox')
    .map(([name]) => name);
  if (onOutbox.length > 0) {
    const line = `providers without credentials, writing to ${outbox.root} instead of sending: ${onOutbox.join(', ')}`;
    if (config.env === 'production') logger.warn(line);
    else logger.info(line);
  }
  return providers;
}
