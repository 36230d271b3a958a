/**
 * A client wrote to the platform's WhatsApp number (Twilio's incoming-message webhook: `From`
 * `whatsapp:+229…`, `Body`, `ProfileName`, media…). For 24 hours after that, WhatsApp lets a free
 * text reach them; outside it only an approved template. All that is kept is the number and
 * when (`whatsapp_inbound`, the latest time wins), so the dispatcher knows the window: nothing of
 * the client's text, name or media is stored or logged.
 */
import type { CloudDb } from '../../db/client.js';
import type { FormFields } from './formBody.js';
import { recordWhatsAppInbound } from './reportsSql.js';

const WHATSAPP_SENDER = /^whatsapp:(\+[1-9]\d{6,14})$/;

/** The sender's number (E.164) of an incoming WhatsApp message, or null when the form is not one. */
export function inboundSender(form: FormFields): string | null {
  const from = form.From;
  if (typeof from !== 'string') return null;
  const match = WHATSAPP_SENDER.exec(from.trim());
  return match ? match[1]! : null;
}

export class WhatsAppInbound {
  constructor(private readonly deps: { db: Pick<CloudDb, 'system'>; now(): Date }) {}

  /** Opens (or keeps open) the 24-hour window of `phone` from now. */
  async received(phone: string): Promise<void> {
    const at = this.deps.now();
    await this.deps.db.system((tx) => recordWhatsAppInbound(tx, phone, at));
  }
}
