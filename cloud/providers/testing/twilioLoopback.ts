/**
 * A loopback Twilio for tests: `POST /2010-04-01/Accounts/{sid}/Messages.json`, form fields `To`,
 * `From`, `Body` or `ContentSid` + `ContentVariables` (a JSON string), `StatusCallback`; HTTP
 * basic auth with the account SID and auth token. It answers 201 with the message resource
 * (`sid`, `status: "queued"`…), or Twilio's error JSON `{code, message, more_info, status}` (400
 * for a refused number, set per number with `refuse`; 401 for bad credentials), or 500 / slowly
 * with `mode`. `sendStatusCallback` posts a status callback signed exactly as Twilio signs one.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { delay, sendJson, startLoopbackHttp, type LoopbackHttp, type RecordedRequest } from './loopbackHttp.js';

export interface TwilioSentMessage {
  sid: string;
  to: string;
  from: string;
  body: string | null;
  contentSid: string | null;
  /** Exactly as it arrived: a JSON string. */
  contentVariables: string | null;
  statusCallback: string | null;
}

export interface TwilioLoopback extends LoopbackHttp {
  sent: TwilioSentMessage[];
  mode: 'normal' | 'error500' | 'slow';
  slowMs: number;
  /** To (whatsapp:+…) → the Twilio error code it is refused with (21211 invalid number, 63016…). */
  refuse: Map<string, number>;
}

const ERROR_MESSAGES: Record<number, string> = {
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  63003: 'Channel could not find To address',
  63016: 'Failed to send freeform message because you are outside the allowed window.',
  63018: 'Rate limit exceeded for Channel',
};

function twilioError(res: Parameters<typeof sendJson>[0], status: number, code: number, message: string): void {
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function basicAuth(req: RecordedRequest): [string, string] | null {
  const header = String(req.headers.authorization ?? '');
  if (!header.startsWith('Basic ')) return null;
  const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return [user ?? '', rest.join(':')];
}

export async function startTwilioLoopback(credentials: { accountSid: string; authToken: string }): Promise<TwilioLoopback> {
  const state: Omit<TwilioLoopback, keyof LoopbackHttp> = { sent: [], mode: 'normal', slowMs: 5_000, refuse: new Map() };
  const messagesPath = `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`;
  const http = await startLoopbackHttp(async (req, res) => {
    if (state.mode === 'slow') {
      await delay(state.slowMs);
      if (res.destroyed) return;
    }
    if (state.mode === 'error500') return twilioError(res, 500, 20500, 'Internal Server Error');
    const auth = basicAuth(req);
    if (!auth || auth[0] !== credentials.accountSid || auth[1] !== credentials.authToken) return twilioError(res, 401, 20003, 'Authenticate');
    if (req.method !== 'POST' || req.path !== messagesPath) return twilioError(res, 404, 20404, 'The requested resource was not found');
    const form = req.form ?? {};
    const to = form.To ?? '';
    const from = form.From ?? '';
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!from.startsWith('whatsapp:')) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!form.Body && !form.ContentSid) return twilioError(res, 400, 21619, 'A text message Body or Media Url must be specified.');
    if (form.ContentVariables !== undefined) {
      try {
        JSON.parse(form.ContentVariables);
      } catch {
        return twilioError(res, 400, 21656, 'The ContentVariables Parameter is invalid.');
      }
    }
    const refusal = state.refuse.get(to);
    if (refusal) return twilioError(res, 400, refusal, ERROR_MESSAGES[refusal] ?? 'Refused');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    state.sent.push({ sid, to, from, body: form.Body ?? null, contentSid: form.ContentSid ?? null, contentVariables: form.ContentVariables ?? null, statusCallback: form.StatusCallback ?? null });
    const now = new Date().toUTCString();
    sendJson(res, 201, {
      account_sid: credentials.accountSid,
      api_version: '2010-04-01',
      body: form.Body ?? '',
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: null,
      sid,
      status: 'queued',
      subresource_uris: { media: `${messagesPath.replace('.json', '')}/${sid}/Media.json` },
      to,
      uri: `${messagesPath.replace('.json', '')}/${sid}.json`,
    });
  });
  return Object.assign(state, http);
}

/** Posts a status callback to `url` with the X-Twilio-Signature Twilio would compute for it. */
export async function sendStatusCallback(url: string, authToken: string, fields: Record<string, string>): Promise<Response> {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, fields);
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(fields).toString(),
  });
}
