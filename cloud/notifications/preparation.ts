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
import type { Config } from '../config.js';
import type { Providers } from '../providers/providers.js';
import type { WhatsAppTemplate } from '../providers/whatsapp/port.js';
import { text } from '../../shared/i18n/texts.js';
import { creditsFor, type MessageChannel, type MessageKind, type MessageStatus } from '../../shared/messaging/messageOptions.js';
import { smsCost } from '../../shared/messaging/smsText.js';
import { trackingUrl } from '../../shared/messaging/trackingToken.js';
import { ensureTrackingToken } from './trackingTokens.js';
import { reserveCredits } from './credits.js';
import { emailContent, type EmailContent } from './emailContent.js';
import { insideWhatsAppWindow, LINK_PLACEHOLDER, sendRefusal, withTrackingLink, type SendRefusal } from './sendChecks.js';
import { readSendContext } from './dispatchSql.js';
import { workshopSuspended } from './suspension.js';
import { whatsappTemplate } from './whatsappContent.js';
import { dispatchTexts } from './texts.js';
import { failMessage } from './recording.js';

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

  const whatsappByTwilio = message.channel === 'whatsapp' && deps.providers.whatsapp.kind === 'twilio';
  const context = await readSendContext(tx, workshopId, { clientId: message.clientId, orderId: asText(f.orderId), whatsappTo: whatsappByTwilio ? message.to : null });
  const refusal = sendRefusal({
    message,
    client: context.client,
    suspended: workshopSuspended(context.workshop),
    providerAvailable: deps.providers[message.channel].kind !== 'outbox' || deps.config.env !== 'production',
  });
  if (refusal) return refuse(refusal, { channel: text(dispatchTexts, 'fr', `channel.${message.channel}`) });

  const workshop = context.workshop!;
  const client = context.client!;
  const orderId = asText(f.orderId);
  let token = context.order?.trackingToken ?? null;
  if (!token && context.order && orderId && String(f.body).includes(LINK_PLACEHOLDER)) token = (await ensureTrackingToken(writes, orderId)).token;
  const link = token ? trackingUrl(deps.config.publicUrl, token) : null;
  const body = withTrackingLink(String(f.body), link);

  let outgoing = body;
  let segments = 1;
  let template: WhatsAppTemplate | null = null;
  let email: EmailContent | null = null;
  if (message.channel === 'sms') {
    const sms = smsCost(body, workshop.smsGsm7);
    outgoing = sms.text;
    segments = sms.parts;
  } else if (whatsappByTwilio && !insideWhatsAppWindow(context.lastInbound, deps.now())) {
    const facts = { clientName: client.name, workshopName: workshop.name, orderNumber: context.order?.number ?? null, link };
    template = whatsappTemplate(deps.config.providers.twilio?.contentSids, message.kind, facts);
    if (!template) return refuse('noTemplate');
  } else if (message.channel === 'email') {
    email = emailContent(body, message.kind, workshop.name);
    outgoing = email.text;
  }

  const credits = creditsFor(message.channel, segments);
  const reservation = await reserveCredits(tx, workshopId, messageId, credits, { locked: true });
  if (!reservation.reserved) return refuse('noCredits', { needed: credits, balance: reservation.balance });
  if (status === 'queued') await writes.write('messages', messageId, { status: 'sending', segments, credits });
  return {
    kind: 'send',
    send: { workshopId, messageId, channel: message.channel, kind: message.kind, to: message.to, text: outgoing, template, email, segments, credits, resend: status === 'sending' },
  };
}
