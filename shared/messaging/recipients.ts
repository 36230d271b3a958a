/**
 * Who a message goes to, by which channel: the one place that decides it, for the engine (a
 * message written on a device) and the hub (its check before sending, the reminders it writes).
 */
import type { AutoChannel, MessageChannel } from './messageOptions.js';
import { formatXof } from '../domain/money.js';

/** A client's addresses, as stored (phone numbers in E.164). */
export interface ClientAddresses {
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  preferredChannel: string | null;
  messagesOptOut: boolean;
}

/** The number WhatsApp uses for a client: the WhatsApp number, else the phone (also for screens holding only the two numbers). */
export function whatsappNumber(client: Pick<ClientAddresses, 'phone' | 'whatsapp'>): string | null {
  return client.whatsapp ?? client.phone;
}

/** The client's address for a channel: SMS to the phone (else the WhatsApp number), WhatsApp to `whatsappNumber`. */
export function clientAddress(client: ClientAddresses, channel: MessageChannel): string | null {
  if (channel === 'sms') return client.phone ?? client.whatsapp;
  if (channel === 'whatsapp') return whatsappNumber(client);
  return client.email;
}

/** Whether `to` is one of the client's own addresses for that channel (the hub never sends elsewhere). */
export function isClientAddress(client: ClientAddresses, channel: MessageChannel, to: string): boolean {
  if (channel === 'email') return client.email !== null && client.email.toLowerCase() === to.toLowerCase();
  return to === client.phone || to === client.whatsapp;
}

export interface Recipient {
  channel: MessageChannel;
  to: string;
}

/**
 * Where an automatic message goes for the workshop's setting, or null when it goes nowhere: the
 * setting is off, the client does not want messages, or has no address for it. "Preferred" is the
 * client's preferred channel when it is SMS, WhatsApp or e-mail and the client has that address,
 * else SMS (DESIGN), else WhatsApp, else e-mail.
 */
export function autoRecipient(setting: AutoChannel, client: ClientAddresses): Recipient | null {
  if (setting === 'off' || client.messagesOptOut) return null;
  const candidates: MessageChannel[] =
    setting === 'preferred'
      ? [...(['sms', 'whatsapp', 'email'] as const).filter((c) => c === client.preferredChannel), 'sms', 'whatsapp', 'email']
      : [setting];
  for (const channel of candidates) {
    const to = clientAddress(client, channel);
    if (to) return { channel, to };
  }
  return null;
}

/** What the template variables say, from the facts (texts.ts `renderTemplate`). */
export interface MessageFacts {
  clientName: string;
  orderNumber?: string | null;
  workshopName: string;
  /** A day, 'YYYY-MM-DD' (the promised date, the fitting's day). */
  day?: string | null;
  /** A time of day, 'HH:MM' in the workshop's time zone. */
  time?: string | null;
  balance?: number | null;
  link?: string | null;
}

const DAY = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** The template values of a message in French: "mardi 8 décembre", "14h30", "12 500 F CFA". */
export function templateValues(facts: MessageFacts): Record<string, string> {
  const values: Record<string, string> = { client: facts.clientName, atelier: facts.workshopName };
  if (facts.orderNumber) values.numero = facts.orderNumber;
  if (facts.day) values.date = DAY.format(new Date(`${facts.day}T12:00:00Z`));
  if (facts.time) values.heure = facts.time.replace(':', 'h');
  if (facts.balance !== undefined && facts.balance !== null) values.solde = formatXof(facts.balance, 'fr');
  if (facts.link) values.lien = facts.link;
  return values;
}
