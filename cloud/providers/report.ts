/**
 * A delivery report, the same shape for Africa's Talking's form posts and Twilio's status
 * callbacks. `state` is in the words of a message's status: `sent` (on its way: queued, sent,
 * buffered…), `delivered` (arrived, or read), `failed` (will not arrive, with why). The caller
 * never moves a message backwards (a late `sent` after `delivered` changes nothing).
 */
import type { Failed } from './outcome.js';

export interface DeliveryReport {
  provider: 'africastalking' | 'twilio';
  /** The provider's id of the message, as the send's `providerId` gave it. */
  providerId: string;
  state: 'sent' | 'delivered' | 'failed';
  /** The provider's own status word ("Success", "AbsentSubscriber", "read"…). */
  providerStatus: string;
  failure: Failed | null;
  phoneNumber: string | null;
  /** Africa's Talking only: the operator's network code and how many times it retried. */
  networkCode: string | null;
  retryCount: number | null;
}
