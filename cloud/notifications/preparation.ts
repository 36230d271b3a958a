/**
 * The first half of a send, inside the workshop's transaction under its write lock
 * (ServerWriter.inWorkshop: lock → read → write): read the message, check it (sendChecks.ts),
 * work out the text, its parts and credits, reserve the credits, and write `sending`. What comes
 * out is either nothing to do, a refusal already written (`failed` with its reason, credits given
 * back), or everything the provider call needs, so the call itself runs outside any transaction.
 *
 * A message found in `sending` is a retry (a transient failure, or a process killed after the
 * provider was called): it is checked again and sent again. Its credits were reserved by the
 * first attempt and are not taken twice (`reserveCredits` is once per message).
 */
import type { Tx } from '../db/client.js';
import type { ServerWrites } from '../sync/serverWrite.js';
import type { StoredRow } from '../sync/hubWrite.js';
import type { Config } from '../config.js';
import type { Providers } from '../providers/providers.js';
import type { WhatsAppTemplate } from '../providers/whatsapp/port.js';
import { text } from '../../shared/i18n/texts.js';
import { creditsFor, type MessageChannel, type MessageKind, type MessageStatus } from '../../shared/messaging/messageOptions.js';
import { smsCost } from '../../shared/messaging/smsText.js';
import { trackingUrl } from '../../shared/messaging/trackingToken.js';
import { reserveCredits } from './credits.js';
import { emailContent, type EmailContent } from './emailContent.js';
import { insideWhatsAppWindow, sendRefusal, withTrackingLink, type SendRefusal, type StoredClient } from './sendChecks.js';
import { workshopSuspended } from './suspension.js';
import { whatsappTemplate } from './whatsappContent.js';
import { dispatchTexts } from './texts.js';
import { failMessage } from './recording.js';
import { lastWhatsAppInbound } from './webhooks/reportsSql.js';

export interface PreparedSend {
  workshopId: string;
  messageId: string;
  channel: MessageChannel;
  kind: MessageKind;
  to: string;
  /** SMS: the text as it leaves (GSM-7 folded when the workshop wants it); WhatsApp free text; e-mail's plain text. */
  text: string;
  /** WhatsApp outside the 24-hour window: the approved template instead of free text. */
  template: WhatsAppTemplate | null;
  email: EmailContent | null;
  segments: number;
  credits: number;
  /** The message was already `sending`: this attempt may send it a second time. */
  resend: boolean;
}

export type Preparation =
  | { kind: 'skip'; status: MessageStatus | 'missing' | 'deleted' }
  | { kind: 'refused'; refusal: SendRefusal | 'noCredits' | 'noTemplate'; channel: MessageChannel }
  | { kind: 'send'; send: PreparedSend };

export interface PreparationDeps {
  config: Pick<Config, 'env' | 'publicUrl' | 'providers'>;
  providers: Providers;
  now(): Date;
}

const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function storedClient(row: StoredRow | undefined): StoredClient | null {
  if (!row) return null;
  const f = row.fields;
  return {
    phone: asText(f.phone),
    whatsapp: asText(f.whatsapp),
    email: asText(f.email),
    preferredChannel: asText(f.preferredChannel),
    messagesOptOut: f.messagesOptOut === true || f.messagesOptOut === 1,
    deletedAt: asText(f.deletedAt),
  };
}

export async function prepareSend(tx: Tx, writes: ServerWrites, deps: PreparationDeps, workshopId: string, messageId: string): Promise<Preparation> {
  const row = await writes.read('messages', messageId);
  if (!row) return { kind: 'skip', status: 'missing' };
  const f = row.fields;
  const status = f.status as MessageStatus;
  if (status !== 'queued' && status !== 'sending') return { kind: 'skip', status };
  if (f.deletedAt) return { kind: 'skip', status: 'deleted' };
  const message = { clientId: String(f.clientId), channel: f.channel as MessageChannel, to: String(f.to), kind: f.kind as MessageKind };
  const refuse = async (refusal: Extract<Preparation, { kind: 'refused' }>['refusal'], params: Record<string, string | number> = {}): Promise<Preparation> => {
    await failMessage(tx, writes, workshopId, messageId, text(dispatchTexts, 'fr', `refused.${refusal}`, params));
    return { kind: 'refused', refusal, channel: message.channel };
  };

  const provider = deps.providers[message.channel];
  const refusal = sendRefusal({
    message,
    client: storedClient(await writes.read('clients', message.clientId)),
    suspended: await workshopSuspended(writes, workshopId),
    providerAvailable: provider.kind !== 'outbox' || deps.config.env !== 'production',
  });
  if (refusal) return refuse(refusal, { channel: text(dispatchTexts, 'fr', `channel.${message.channel}`) });

  const workshop = (await writes.read('workshop', workshopId))!.fields;
  const order = typeof f.orderId === 'string' ? await writes.read('orders', f.orderId) : undefined;
  const token = asText(order?.fields.trackingToken);
  const link = token ? trackingUrl(deps.config.publicUrl, token) : null;
  const body = withTrackingLink(String(f.body), link);
  const workshopName = String(workshop.name);

  let outgoing = body;
  let segments = 1;
  let template: WhatsAppTemplate | null = null;
  let email: EmailContent | null = null;
  if (message.channel === 'sms') {
    const sms = smsCost(body, workshop.smsGsm7 !== false && workshop.smsGsm7 !== 0);
    outgoing = sms.text;
    segments = sms.parts;
  } else if (message.channel === 'whatsapp' && deps.providers.whatsapp.kind === 'twilio') {
    if (!insideWhatsAppWindow(await lastWhatsAppInbound(tx, message.to), deps.now())) {
      const client = (await writes.read('clients', message.clientId))!.fields;
      template = whatsappTemplate(deps.config.providers.twilio?.contentSids, message.kind, {
        clientName: String(client.name),
        workshopName,
        orderNumber: asText(order?.fields.number),
        link,
      });
      if (!template) return refuse('noTemplate');
    }
  } else if (message.channel === 'email') {
    email = emailContent(body, message.kind, workshopName);
    outgoing = email.text;
  }

  const credits = creditsFor(message.channel, segments);
  const reservation = await reserveCredits(tx, workshopId, messageId, credits);
  if (!reservation.reserved) return refuse('noCredits', { needed: credits, balance: reservation.balance });
  if (status === 'queued') await writes.write('messages', messageId, { status: 'sending', segments, credits });
  return {
    kind: 'send',
    send: { workshopId, messageId, channel: message.channel, kind: message.kind, to: message.to, text: outgoing, template, email, segments, credits, resend: status === 'sending' },
  };
}
