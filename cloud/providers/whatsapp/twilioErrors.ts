/**
 * Twilio's error codes (in an API error's `code`, or a status callback's `ErrorCode`) → our
 * failure codes, and whether another try can help. Codes not in the table fall back on the HTTP
 * status: 5xx, 429 and 401 are worth another try later, any other refusal is final.
 */
import { failed, type Failed, type FailureCode } from '../outcome.js';

const CODES: Record<number, { code: FailureCode; permanent: boolean }> = {
  20003: { code: 'provider_credentials', permanent: false }, // authentication failed: ours to fix
  20429: { code: 'rate_limited', permanent: false },
  21211: { code: 'invalid_number', permanent: true }, // invalid 'To' number
  21214: { code: 'invalid_number', permanent: true }, // 'To' number cannot be reached
  21408: { code: 'rejected', permanent: true }, // sending to that region not enabled
  21606: { code: 'invalid_sender', permanent: true }, // 'From' not a valid number of the account
  21610: { code: 'blacklisted', permanent: true }, // recipient replied STOP
  21612: { code: 'rejected', permanent: true }, // no route between From and To
  21614: { code: 'unsupported_number', permanent: true }, // not a mobile number
  21655: { code: 'rejected', permanent: true }, // ContentSid invalid
  21656: { code: 'rejected', permanent: true }, // ContentVariables invalid
  30003: { code: 'unreachable', permanent: false }, // handset off or out of coverage
  30005: { code: 'invalid_number', permanent: true }, // unknown destination
  30006: { code: 'unsupported_number', permanent: true }, // landline or unreachable carrier
  30007: { code: 'rejected', permanent: true }, // filtered by the carrier
  30008: { code: 'undelivered', permanent: false }, // unknown error
  63003: { code: 'not_on_whatsapp', permanent: true }, // channel could not find the To address
  63007: { code: 'invalid_sender', permanent: true }, // channel could not find the From address
  63016: { code: 'outside_whatsapp_window', permanent: true }, // free text outside the 24-hour window
  63018: { code: 'rate_limited', permanent: false },
  63024: { code: 'invalid_number', permanent: true }, // invalid message recipient
  63038: { code: 'rate_limited', permanent: false }, // account's daily messaging limit
  63049: { code: 'rejected', permanent: true }, // Meta chose not to deliver
};

export function twilioFailure(errorCode: number | null, httpStatus: number | null, message: string): Failed {
  const detail = [errorCode ? `Twilio ${errorCode}` : null, message].filter(Boolean).join(' ').slice(0, 300);
  const known = errorCode ? CODES[errorCode] : undefined;
  if (known) return failed(known.code, known.permanent, detail);
  if (httpStatus === 401) return failed('provider_credentials', false, detail);
  if (httpStatus === 429) return failed('rate_limited', false, detail);
  if (httpStatus !== null && httpStatus >= 500) return failed('provider_unavailable', false, String(httpStatus));
  if (httpStatus !== null && httpStatus >= 400) return failed('rejected', true, detail);
  return failed('undelivered', false, detail || 'unknown');
}
