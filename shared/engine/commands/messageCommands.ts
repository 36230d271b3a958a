/**
 * Messages to clients (DESIGN "Messages to clients"): a message written here is `queued` and
 * leaves with the next sync; the hub sends it and writes every later status. Also the free "open
 * WhatsApp" button (recorded as `manual`), the automatic messages' templates (the owner's) and
 * the order's tracking link.
 */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { defineCommand } from './define.js';
import { writeChange } from '../write.js';
import { ensureTrackingToken, messageRow } from './autoMessages.js';
import { CLIENT_MESSAGE_LOCALE, linkOf, messageValues, readMessageClient, readMessageOrder, readMessageWorkshop, readOrderOfClient, type MessageClient } from '../messageFacts.js';
import { newId } from '../../domain/ids.js';
import { EngineError } from '../../domain/errors.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { composeMessage } from '../../messaging/compose.js';
import { clientAddress, isClientAddress } from '../../messaging/recipients.js';
import { DEFAULT_TEMPLATE_BODIES, TEMPLATE_VARIABLES, templateRowId, unknownVariables, usedVariables, variablesWithoutValue } from '../../messaging/templates.js';
import { newTrackingToken } from '../../messaging/trackingToken.js';
import { MESSAGE_STATUS_LABELS, type MessageChannel, type MessageStatus } from '../../messaging/messageOptions.js';
import {
  cancelMessageInput,
  recordWhatsAppOpenedInput,
  revokeTrackingLinkInput,
  saveMessageTemplateInput,
  sendMessageInput,
} from '../../messaging/messageInputs.js';

const NO_ADDRESS: Record<MessageChannel, MessageKey> = {
  sms: 'rule.messageNoPhone',
  whatsapp: 'rule.messageNoWhatsapp',
  email: 'rule.messageNoEmail',
};

const braces = (names: readonly string[]) => names.map((name) => `{${name}}`).join(', ');

/** The address a message goes to: `to` when it is one of the client's, else the client's own; refused otherwise. */
export function recipientOf(ctx: EngineContext, client: MessageClient, channel: MessageChannel, to: string | undefined): string {
  if (to !== undefined) {
    if (!isClientAddress(client, channel, to)) throw new EngineError('rule_violation', t(ctx.locale, 'rule.recipientNotClient', { client: client.name }), 'to');
    return to;
  }
  const address = clientAddress(client, channel);
  if (!address) throw new EngineError('rule_violation', t(ctx.locale, NO_ADDRESS[channel], { client: client.name }), 'to');
  return address;
}

export const sendMessage = defineCommand({
  input: sendMessageInput,
  permission: { table: 'messages', action: 'create' },
  async run(ctx, tx, input) {
    const workshop = await readMessageWorkshop(ctx, tx);
    const client = await readMessageClient(ctx, tx, input.clientId);
    let order = input.orderId ? await readOrderOfClient(ctx, tx, input.orderId, client.id) : null;
    const to = recipientOf(ctx, client, input.channel, input.to);
    const unknown = unknownVariables(input.body);
    if (unknown.length > 0) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.messageUnknownVariables', { variables: braces(unknown), known: braces(TEMPLATE_VARIABLES) }), 'body');
    }
    // The link needs the order's token: made now, in this transaction, when the order has none.
    if (order && usedVariables(input.body).includes('lien')) order = await ensureTrackingToken(ctx, tx, order);
    const values = await messageValues(ctx, tx, { workshop, client, order, kind: 'custom' });
    const composed = composeMessage({ body: input.body, values, channel: input.channel, gsm7: workshop.smsGsm7, linkByHub: order !== null && ctx.publicUrl === null });
    if (composed.unfilledVariables.length > 0) {
      const key = order ? 'rule.messageNeedsFitting' : 'rule.messageNeedsOrder';
      throw new EngineError('rule_violation', t(ctx.locale, key, { variables: braces(composed.unfilledVariables) }), 'body');
    }
    const id = newId();
    const fields = { clientId: client.id, orderId: order?.id ?? null, channel: input.channel, to, body: composed.text, kind: 'custom' as const, status: 'queued' as const };
    await writeChange(ctx, tx, 'messages', id, messageRow(fields, ctx), 'insert');
    return { id, channel: input.channel, to, body: composed.text, status: 'queued' as MessageStatus, cost: composed.cost };
  },
});

async function requireMessage(ctx: EngineContext, tx: SqlExecutor, id: string): Promise<{ status: MessageStatus }> {
  const row = await tx.get<{ status: MessageStatus }>('SELECT status FROM messages WHERE id = ? AND deleted_at IS NULL', [id]);
  if (!row) throw new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, 'what.message') }), 'id');
  return row;
}

export const cancelMessage = defineCommand({
  input: cancelMessageInput,
  permission: { table: 'messages', action: 'update' },
  async run(ctx, tx, { id }) {
    const message = await requireMessage(ctx, tx, id);
    if (message.status !== 'queued') {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.messageNotQueued', { status: MESSAGE_STATUS_LABELS[ctx.locale][message.status] }), 'id');
    }
    // Only the status (deviceRules.ts: a device's change to a message is a cancel, nothing else).
    await writeChange(ctx, tx, 'messages', id, { status: 'cancelled' }, 'update');
    return { id, status: 'cancelled' as MessageStatus };
  },
});

export const recordWhatsAppOpened = defineCommand({
  input: recordWhatsAppOpenedInput,
  permission: { table: 'messages', action: 'create' },
  async run(ctx, tx, input) {
    const client = await readMessageClient(ctx, tx, input.clientId);
    if (input.orderId) await readOrderOfClient(ctx, tx, input.orderId, client.id);
    const to = recipientOf(ctx, client, 'whatsapp', undefined);
    const id = newId();
    // What was opened in WhatsApp, as it was: the workshop sent it itself, the hub never does.
    const fields = { clientId: client.id, orderId: input.orderId, channel: 'whatsapp', to, body: input.body, kind: 'custom' as const, status: 'manual' as const };
    await writeChange(ctx, tx, 'messages', id, messageRow(fields, ctx), 'insert');
    return { id, to, status: 'manual' as MessageStatus };
  },
});

export const saveMessageTemplate = defineCommand({
  input: saveMessageTemplateInput,
  permission: { table: 'message_templates', action: 'update' },
  async run(ctx, tx, input) {
    const workshop = await readMessageWorkshop(ctx, tx);
    // One row per workshop and kind, its id derived from both: two devices editing it converge.
    const id = templateRowId(workshop.id, input.kind);
    const current = await tx.get<{ channel: string; body: string }>('SELECT channel, body FROM message_templates WHERE id = ?', [id]);
    const body = input.body ?? current?.body ?? DEFAULT_TEMPLATE_BODIES[CLIENT_MESSAGE_LOCALE][input.kind];
    const unknown = unknownVariables(body);
    if (unknown.length > 0) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.templateUnknownVariables', { variables: braces(unknown), known: braces(TEMPLATE_VARIABLES) }), 'body');
    }
    const valueless = variablesWithoutValue(input.kind, body);
    if (valueless.length > 0) throw new EngineError('rule_violation', t(ctx.locale, 'rule.templateVariablesWithoutValue', { variables: braces(valueless) }), 'body');
    if (!current) {
      await writeChange(ctx, tx, 'message_templates', id, { kind: input.kind, channel: input.channel, body }, 'insert');
    } else {
      const changed = Object.fromEntries(Object.entries({ channel: input.channel, body }).filter(([key, value]) => current[key as 'channel' | 'body'] !== value));
      if (Object.keys(changed).length > 0) await writeChange(ctx, tx, 'message_templates', id, changed, 'update');
    }
    return { id, kind: input.kind, channel: input.channel, body };
  },
});

export const revokeTrackingLink = defineCommand({
  input: revokeTrackingLinkInput,
  permission: { table: 'orders', action: 'update' },
  async run(ctx, tx, { orderId }) {
    await readMessageOrder(ctx, tx, orderId);
    // A new token replaces the old one: the old link answers 404 once the hub has it.
    const trackingToken = newTrackingToken();
    await writeChange(ctx, tx, 'orders', orderId, { trackingToken }, 'update');
    return { orderId, trackingToken, link: linkOf(ctx, trackingToken) };
  },
});
