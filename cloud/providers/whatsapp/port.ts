/**
 * The WhatsApp port: Twilio behind it (`twilio.ts`), or the development outbox. Inside the
 * 24-hour window after the client last wrote, free text; outside it only an approved template
 * (a Content SID and its variables) may be sent, and free text fails with
 * `outside_whatsapp_window` (permanent: send the template instead).
 */
import type { SendOutcome } from '../outcome.js';

export interface WhatsAppTemplate {
  /** The approved template's Content SID (HX…). */
  contentSid: string;
  /** Its variables by position or name: {"1": "Aïcha", "2": "A-42"}. */
  variables: Record<string, string>;
}

export type WhatsAppMessage = {
  /** E.164, for example +22997000000 (the `whatsapp:` prefix is added). */
  to: string;
  reference?: string;
  /** Where Twilio should post this message's status callbacks (PUBLIC_URL/api/webhooks/twilio). */
  statusCallback?: string;
} & ({ text: string; template?: undefined } | { template: WhatsAppTemplate; text?: undefined });

export interface WhatsAppSender {
  readonly kind: 'twilio' | 'outbox';
  send(message: WhatsAppMessage): Promise<SendOutcome>;
  /**
   * Whether a webhook request was signed by Twilio with our auth token: `url` is the full public
   * URL Twilio called (PUBLIC_URL + path and query), `params` the posted form fields, `signature`
   * the X-Twilio-Signature header. The outbox has no token and accepts nothing.
   */
  validateWebhook(url: string, params: Record<string, unknown>, signature: unknown): boolean;
}
