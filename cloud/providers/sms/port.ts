/**
 * The SMS port: what the messages area needs from an SMS provider. Africa's Talking behind it
 * (`africasTalking.ts`), or the development outbox when it has no credentials (`outboxSms.ts`).
 */
import type { SendOutcome } from '../outcome.js';

export interface SmsMessage {
  /** E.164, for example +22997000000. */
  to: string;
  /** The text as it should arrive (already GSM-7 folded when the workshop wants it). */
  text: string;
  /** Our id of the message, for the outbox and the logs. */
  reference?: string;
}

export interface SmsSender {
  readonly kind: 'africastalking' | 'outbox';
  send(message: SmsMessage): Promise<SendOutcome>;
  /** One text to several numbers in one request: one outcome per number, in the order given. */
  sendToMany(to: string[], text: string, reference?: string): Promise<SendOutcome[]>;
  /**
   * Whether a delivery report's `?token=` is ours (Africa's Talking signs nothing, so the report
   * URL carries AFRICASTALKING_WEBHOOK_TOKEN). Compared in constant time; the outbox accepts none.
   */
  acceptsWebhookToken(token: unknown): boolean;
}
