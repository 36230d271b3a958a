/**
 * A loopback Africa's Talking for tests: `POST /version1/messaging`, form-encoded (`username`,
 * `to` — numbers joined by commas —, `message`, `from`), authenticated by the `apiKey` header,
 * answering 201 with `SMSMessageData.Recipients[]` as the real API does. Each number's fate is
 * set with `recipientStatus` (Success by default); `mode` makes it answer 500 or slowly.
 * `sendDeliveryReport` posts a delivery report to our webhook the way Africa's Talking does.
 */
import { randomBytes } from 'node:crypto';
import { delay, sendJson, sendText, startLoopbackHttp, type LoopbackHttp } from './loopbackHttp.js';

/** The per-recipient statuses of the messaging API, with their codes. */
export const AT_RECIPIENT_STATUSES = {
  Processed: 100,
  Sent: 101,
  Queued: 102,
  Success: 101,
  RiskHold: 401,
  InvalidSenderId: 402,
  InvalidPhoneNumber: 403,
  UnsupportedNumberType: 404,
  InsufficientBalance: 405,
  UserInBlacklist: 406,
  CouldNotRoute: 407,
  DoNotDisturbRejection: 409,
  InternalServerError: 500,
  GatewayError: 501,
  RejectedByGateway: 502,
} as const;

export type AtRecipientStatus = keyof typeof AT_RECIPIENT_STATUSES;

export interface AtSentMessage {
  messageId: string;
  to: string;
  message: string;
  from: string | null;
}

export interface AfricasTalkingLoopback extends LoopbackHttp {
  /** Messages accepted (status Success), in order. */
  sent: AtSentMessage[];
  mode: 'normal' | 'error500' | 'slow';
  slowMs: number;
  recipientStatus: Map<string, AtRecipientStatus>;
  /** The price of one accepted message, in the account's currency. */
  cost: string;
}

export async function startAfricasTalkingLoopback(credentials: { username: string; apiKey: string }): Promise<AfricasTalkingLoopback> {
  const sent: AtSentMessage[] = [];
  // The handler reads the loopback's own fields, so a test changes its behaviour by setting them.
  const state: Omit<AfricasTalkingLoopback, keyof LoopbackHttp> = { sent, mode: 'normal', slowMs: 5_000, recipientStatus: new Map(), cost: 'XOF 20.0000' };
  const http = await startLoopbackHttp(async (req, res) => {
    if (state.mode === 'slow') {
      await delay(state.slowMs);
      if (res.destroyed) return;
    }
    if (req.method !== 'POST' || req.path !== '/version1/messaging') return sendText(res, 404, 'Not found');
    if (state.mode === 'error500') return sendText(res, 500, 'Internal Server Error');
    if (req.headers.apikey !== credentials.apiKey) return sendText(res, 401, 'The supplied authentication is invalid');
    const form = req.form ?? {};
    if (form.username !== credentials.username) return sendText(res, 401, 'The supplied authentication is invalid');
    if (!form.to || !form.message) return sendText(res, 400, `Request is missing required form field '${form.to ? 'message' : 'to'}'`);
    const numbers = form.to.split(',').map((n) => n.trim());
    let accepted = 0;
    const recipients = numbers.map((number) => {
      const status = state.recipientStatus.get(number) ?? 'Success';
      const statusCode = AT_RECIPIENT_STATUSES[status];
      if (statusCode >= 100 && statusCode < 200) {
        accepted += 1;
        const messageId = `ATXid_${randomBytes(16).toString('hex')}`;
        sent.push({ messageId, to: number, message: form.message!, from: form.from ?? null });
        return { statusCode, number, status, cost: state.cost, messageId };
      }
      return { statusCode, number, status, cost: '0', messageId: 'None' };
    });
    const [currency, unit] = state.cost.split(' ');
    const total = `${currency} ${(Number(unit) * accepted).toFixed(4)}`;
    sendJson(res, 201, { SMSMessageData: { Message: `Sent to ${accepted}/${numbers.length} Total Cost: ${total}`, Recipients: recipients } });
  });
  return Object.assign(state, http);
}

export interface AtDeliveryReportFields {
  id: string;
  status: 'Sent' | 'Submitted' | 'Buffered' | 'Rejected' | 'Success' | 'Failed' | 'AbsentSubscriber' | 'Expired';
  phoneNumber: string;
  networkCode?: string;
  failureReason?: string;
  retryCount?: number;
}

/** Posts a delivery report to `url` (our webhook, with its ?token=) as Africa's Talking does: a form. */
export async function sendDeliveryReport(url: string, fields: AtDeliveryReportFields): Promise<Response> {
  const form = new URLSearchParams({ id: fields.id, status: fields.status, phoneNumber: fields.phoneNumber, networkCode: fields.networkCode ?? '62001' });
  if (fields.failureReason) form.set('failureReason', fields.failureReason);
  if (fields.retryCount !== undefined) form.set('retryCount', String(fields.retryCount));
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
}
