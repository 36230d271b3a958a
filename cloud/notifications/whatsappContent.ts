/**
 * A message outside WhatsApp's 24-hour window can only be an approved template (a Twilio Content
 * SID per message kind, TWILIO_CONTENT_SIDS). Every template receives the same variables, by
 * position, from what the hub knows of the message:
 *   {{1}} the client's name   {{2}} the workshop's name   {{3}} the order's number   {{4}} the tracking link
 * A value the hub does not have (no order, no link) is left out, so the template's own default
 * for it applies. Why not the message's text as one variable: WhatsApp refuses a variable with a
 * line break or more than four spaces in a row, and a template made of one variable is refused at
 * approval; the tracking page says the rest (status, date, balance).
 */
import type { MessageKind } from '../../shared/messaging/messageOptions.js';
import type { WhatsAppTemplate } from '../providers/whatsapp/port.js';

export interface TemplateFacts {
  clientName: string;
  workshopName: string;
  orderNumber: string | null;
  link: string | null;
}

/** One line, no run of spaces: what WhatsApp accepts in a variable. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function templateVariables(facts: TemplateFacts): Record<string, string> {
  const values: Array<[string, string | null]> = [
    ['1', facts.clientName],
    ['2', facts.workshopName],
    ['3', facts.orderNumber],
    ['4', facts.link],
  ];
  const variables: Record<string, string> = {};
  for (const [position, value] of values) {
    const line = value === null ? '' : oneLine(value);
    if (line) variables[position] = line;
  }
  return variables;
}

/** The approved template for this kind, or null when TWILIO_CONTENT_SIDS has none. */
export function whatsappTemplate(contentSids: Partial<Record<MessageKind, string>> | undefined, kind: MessageKind, facts: TemplateFacts): WhatsAppTemplate | null {
  const contentSid = contentSids?.[kind];
  return contentSid ? { contentSid, variables: templateVariables(facts) } : null;
}
