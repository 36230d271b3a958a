/**
 * The official Africa's Talking SDK (`africastalking`, CommonJS, no type declarations), typed
 * for the part we use. The SDK has no option for its address: every SMS send reads the
 * module-level `SMS_URL` of `africastalking/lib/common` at the moment of the call, for every
 * client of the process (it is global, not per client; a username of "sandbox" rewrites it when
 * the client is created). `smsUrlFor` says which address a client should use, and the adapter
 * sets it right before each send: the SDK reads it synchronously, before its first await, so
 * two clients in one process cannot send to each other's address.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface AtRecipient {
  statusCode?: number;
  number?: string;
  status?: string;
  cost?: string;
  messageId?: string;
}

export interface AtSendAnswer {
  SMSMessageData?: { Message?: string; Recipients?: AtRecipient[] };
}

export interface AtClient {
  SMS: { send(params: { to: string | string[]; message: string; from?: string }): Promise<AtSendAnswer> };
}

const createClient = require('africastalking') as (options: { username: string; apiKey: string }) => AtClient;
const common = require('africastalking/lib/common') as { SMS_URL: string };

/** The SDK's own live address, as it stands when nothing has redirected it yet. */
const LIVE_SMS_URL = common.SMS_URL;

export function createAtClient(username: string, apiKey: string): { client: AtClient; sdkSmsUrl: string } {
  const client = createClient({ username, apiKey });
  // A sandbox client has just made the SDK switch its addresses to the sandbox's.
  const sdkSmsUrl = username.toLowerCase() === 'sandbox' ? common.SMS_URL : LIVE_SMS_URL;
  return { client, sdkSmsUrl };
}

/** Where the next send goes: set immediately before calling `client.SMS.send`. */
export function pointSmsAt(url: string): void {
  common.SMS_URL = url;
}
