/**
 * The rules of the reminders the hub writes on schedule (DESIGN "Messages to clients"): when a
 * workshop's morning has come, which day "tomorrow" is in its time zone, when an order has been
 * ready long enough for the balance reminder, and what the reminder says and where it goes. Pure:
 * the cloud's sweep (cloud/notifications/reminders/) reads the rows and writes the messages.
 */
import { addDays, startOfLocalDayUtc, todayIn, type IsoDate } from '../domain/calendar.js';
import type { AutoChannel } from './messageOptions.js';
import { AUTO_CHANNELS } from './messageOptions.js';
import { autoRecipient, templateValues, type ClientAddresses, type MessageFacts, type Recipient } from './recipients.js';
import { toGsm7 } from './smsText.js';
import { DEFAULT_TEMPLATE_BODIES, DEFAULT_TEMPLATE_CHANNELS, TEMPLATE_VARIABLES, renderTemplate } from './templates.js';

/** The kinds of message the hub writes on schedule. */
export const SCHEDULED_KINDS = ['fitting_reminder', 'balance_due'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/** When reminders go out, in each workshop's own time: from the morning, never at night. */
export interface ReminderHours {
  /** The first local hour reminders are written (default 8: 08:00). */
  morningHour: number;
  /** Reminders are no longer written from this local hour on (default 20: none after 19:59). */
  eveningHour: number;
}

export const DEFAULT_REMINDER_HOURS: ReminderHours = { morningHour: 8, eveningHour: 20 };

/** A time zone's day as the sweep sees it at one instant. */
export interface ReminderDay {
  timezone: string;
  /** Its local time is between the morning and the evening hour: its reminders are due. */
  due: boolean;
  today: IsoDate;
  tomorrow: IsoDate;
  /** Tomorrow in that zone, as UTC instants: [from, until). */
  tomorrowFrom: string;
  tomorrowUntil: string;
}

const HOUR = new Map<string, Intl.DateTimeFormat>();
const TIME = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', ...options })));
  return format;
}

/** Whether the time zone is one this runtime knows (a workshop's zone was checked the same way when written). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The local hour (0–23) of an instant in a time zone. */
export function localHour(instant: Date, timeZone: string): number {
  return Number(cached(HOUR, timeZone, { hour: '2-digit' }).format(instant));
}

/** 'HH:MM' of an instant in a time zone (a fitting's time as the workshop reads it). */
export function localTimeOfDay(instant: Date, timeZone: string): string {
  return cached(TIME, timeZone, { hour: '2-digit', minute: '2-digit' }).format(instant);
}

const DAY = new Map<string, Intl.DateTimeFormat>();

/**
 * The local calendar day of an instant ('YYYY-MM-DD'), as `todayIn` gives it, with the zone's
 * format made once: the sweep asks it for every fitting and ready order of the platform.
 */
export function localDay(instant: Date, timeZone: string): IsoDate {
  let format = DAY.get(timeZone);
  if (!format) DAY.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' })));
  return format.format(instant);
}

/** Where a time zone stands at `now`: is its morning here, and which instants are its tomorrow. */
export function reminderDay(now: Date, timeZone: string, hours: ReminderHours = DEFAULT_REMINDER_HOURS): ReminderDay {
  const today = todayIn(timeZone, now);
  const tomorrow = addDays(today, 1);
  const hour = localHour(now, timeZone);
  return {
    timezone: timeZone,
    due: hour >= hours.morningHour && hour < hours.eveningHour,
    today,
    tomorrow,
    tomorrowFrom: startOfLocalDayUtc(tomorrow, timeZone),
    tomorrowUntil: startOfLocalDayUtc(addDays(tomorrow, 1), timeZone),
  };
}

/**
 * An order ready since `readyAt` is due its balance reminder on the morning `days` local days
 * later (ready on Monday, 3 days: Thursday morning), and on every later morning until it is written.
 */
export function balanceReminderDue(readyAt: Date, timeZone: string, today: IsoDate, days: number): boolean {
  return addDays(localDay(readyAt, timeZone), days) <= today;
}

/** A workshop's template row for one kind, as stored (null: none, the defaults apply). */
export interface TemplateRow {
  channel: string;
  body: string;
}

/** The template that applies: the workshop's own, else the default channel and French text. */
export function effectiveTemplate(kind: ScheduledKind, row: TemplateRow | null): { channel: AutoChannel; body: string } {
  if (!row) return { channel: DEFAULT_TEMPLATE_CHANNELS[kind], body: DEFAULT_TEMPLATE_BODIES.fr[kind] };
  // A channel this version does not know sends nothing rather than guessing.
  const channel = (AUTO_CHANNELS as readonly string[]).includes(row.channel) ? (row.channel as AutoChannel) : 'off';
  return { channel, body: row.body };
}

export interface ReminderRequest {
  kind: ScheduledKind;
  template: TemplateRow | null;
  client: ClientAddresses;
  facts: MessageFacts;
  /** The workshop's GSM-7 setting (SMS only). */
  gsm7: boolean;
}

export interface ReminderMessage extends Recipient {
  body: string;
}

/**
 * The reminder's channel, address and text, or null when it goes nowhere (template off, client
 * opted out or without an address for it). Every variable is filled, the ones without a value
 * left empty, so a client never reads "{heure}"; an SMS is rewritten to GSM-7 when the workshop asks.
 */
export function reminderMessage(request: ReminderRequest): ReminderMessage | null {
  const template = effectiveTemplate(request.kind, request.template);
  const recipient = autoRecipient(template.channel, request.client);
  if (!recipient) return null;
  const values = { ...Object.fromEntries(TEMPLATE_VARIABLES.map((name) => [name, ''])), ...templateValues(request.facts) };
  const rendered = renderTemplate(template.body, values).trim();
  const body = recipient.channel === 'sms' && request.gsm7 ? toGsm7(rendered) : rendered;
  return { ...recipient, body };
}

/** Whether a template uses the tracking link (the hub then gives the order a token if it has none). */
export function usesLink(kind: ScheduledKind, template: TemplateRow | null): boolean {
  return effectiveTemplate(kind, template).body.includes('{lien}');
}
