/**
 * A provider's form, read as a delivery report: the providers' own parsers (cloud/providers:
 * `parseAfricasTalkingReport`, `parseTwilioStatusCallback`) give its state, and the failure's
 * words for the tailor come from this area's catalogue, per provider code (texts.ts).
 */
import { parseAfricasTalkingReport } from '../../providers/sms/deliveryReport.js';
import { parseTwilioStatusCallback } from '../../providers/whatsapp/statusCallback.js';
import type { DeliveryReport } from '../../providers/report.js';
import { africasTalkingFailureText, twilioFailureText } from './texts.js';
import type { FormFields } from './formBody.js';

export interface ReadReport {
  report: DeliveryReport;
  /** The message's `failureReason` when the report says it failed, else null. */
  failureReason: string | null;
}

function field(form: FormFields, name: string): string | null {
  const value = form[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Africa's Talking's delivery report (`id`, `status`, `failureReason`…), or null when it is not one. */
export function readAfricasTalkingReport(form: FormFields): ReadReport | null {
  const report = parseAfricasTalkingReport(form);
  if (!report) return null;
  const failureReason = report.state === 'failed' ? africasTalkingFailureText(field(form, 'failureReason'), report.providerStatus) : null;
  return { report, failureReason };
}

/** Whether a Twilio form is a status callback (it names the message's status) rather than an incoming message. */
export function isTwilioStatusCallback(form: FormFields): boolean {
  const status = field(form, 'MessageStatus');
  return status !== null && status.toLowerCase() !== 'received';
}

/** Twilio's status callback (`MessageSid`, `MessageStatus`, `ErrorCode`), or null when it is not one. */
export function readTwilioStatusCallback(form: FormFields): ReadReport | null {
  const report = parseTwilioStatusCallback(form);
  if (!report) return null;
  const code = field(form, 'ErrorCode');
  const failureReason = report.state === 'failed' ? twilioFailureText(code ? Number(code) : null) : null;
  return { report, failureReason };
}
