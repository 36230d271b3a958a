/**
 * A message's text from its body and the real values, as it will be stored and sent, and what it
 * costs: the one path of the engine's preview, its commands and its automatic messages, so that
 * what is stored is exactly what the preview showed.
 */
import { creditsFor, type MessageChannel } from './messageOptions.js';
import { smsCost } from './smsText.js';
import { renderTemplate, unknownVariables, usedVariables, type TemplateValues, type TemplateVariable } from './templates.js';

export interface MessageCost {
  /** Characters as the carrier counts them (an SMS extension character such as € counts two). */
  characters: number;
  /** SMS parts (1 for WhatsApp and e-mail). */
  parts: number;
  /** An SMS's encoding; null for WhatsApp and e-mail. */
  encoding: 'GSM-7' | 'UCS-2' | null;
  /** The characters that force UCS-2 (70 characters a part instead of 160), each once. */
  nonGsm: string[];
  credits: number;
}

export interface ComposeRequest {
  body: string;
  values: TemplateValues;
  channel: MessageChannel;
  /** The workshop's GSM-7 setting (SMS only: "Aïcha" → "Aicha"). */
  gsm7: boolean;
  /**
   * The message is about an order but this device does not know the cloud's public address: the
   * text keeps `{lien}`, which the hub replaces by the order's link when it sends the message.
   */
  linkByHub: boolean;
}

export interface ComposedMessage {
  text: string;
  /** `{x}` that are no variable at all (a typo). */
  unknownVariables: string[];
  /** Variables without a value here (`{numero}` without an order, `{heure}` without a fitting). */
  unfilledVariables: TemplateVariable[];
  cost: MessageCost;
  /** True when the cost counts a stand-in for the link the hub will write (its length is the hub's). */
  costEstimated: boolean;
}

/** What the hub's link is counted as while this device does not know it: `PUBLIC_URL/t/` + 16 characters. */
export const LINK_ESTIMATE = `https://styliste.app/t/${'x'.repeat(16)}`;

export function messageCost(text: string, channel: MessageChannel): MessageCost {
  if (channel !== 'sms') {
    return { characters: [...text].length, parts: text.length > 0 ? 1 : 0, encoding: null, nonGsm: [], credits: text.length > 0 ? creditsFor(channel, 1) : 0 };
  }
  if (text.length === 0) return { characters: 0, parts: 0, encoding: 'GSM-7', nonGsm: [], credits: 0 };
  const sms = smsCost(text, false);
  return { characters: sms.characters, parts: sms.parts, encoding: sms.encoding, nonGsm: sms.nonGsm, credits: creditsFor('sms', sms.parts) };
}

export function composeMessage(request: ComposeRequest): ComposedMessage {
  const { body, channel } = request;
  const values: TemplateValues = { ...request.values };
  const pendingLink = request.linkByHub && values.lien === undefined;
  const unfilled = usedVariables(body).filter((name) => values[name] === undefined && !(name === 'lien' && pendingLink));
  const rendered = renderTemplate(body, values);
  const text = channel === 'sms' && request.gsm7 ? smsCost(rendered, true).text : rendered;
  const counted = pendingLink && text.includes('{lien}') ? text.replaceAll('{lien}', LINK_ESTIMATE) : text;
  return {
    text,
    unknownVariables: unknownVariables(body),
    unfilledVariables: unfilled,
    cost: messageCost(counted, channel),
    costEstimated: counted !== text,
  };
}

/** The values of an automatic message with every variable it lacks left empty (never `{heure}` in a sent text). */
export function withEmptyGaps(body: string, values: TemplateValues, linkByHub: boolean): TemplateValues {
  const filled: TemplateValues = { ...values };
  for (const name of usedVariables(body)) {
    if (filled[name] === undefined && !(name === 'lien' && linkByHub)) filled[name] = '';
  }
  return filled;
}
