/**
 * The automatic messages' templates: French defaults that read well, the variables they may use,
 * and the one function that fills them (the engine for a preview and for the messages it writes,
 * the hub for the reminders it writes on schedule).
 */
import { v5 as uuidv5 } from 'uuid';
import type { AutoChannel, AutomaticKind } from './messageOptions.js';
import { defineTexts } from '../i18n/texts.js';

/** The variables a template may use, each with what it stands for. */
export const TEMPLATE_VARIABLES = ['client', 'numero', 'atelier', 'date', 'heure', 'solde', 'lien'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/**
 * DESIGN: "order ready" and "fitting tomorrow" are on by default, by the client's preferred
 * channel (SMS when none is set), and the "order ready" text carries the tracking link.
 */
export const DEFAULT_TEMPLATE_CHANNELS: Readonly<Record<AutomaticKind, AutoChannel>> = {
  order_created: 'off',
  order_ready: 'preferred',
  fitting_reminder: 'preferred',
  balance_due: 'off',
  order_delivered: 'off',
};

/**
 * The default texts, written to stay in GSM-7 once rewritten and in one SMS part with real values
 * (names of 20 characters, a 125 000 FCFA balance, a 39-character link: templates.test.ts). The
 * link ends the text, bare: a phone makes it clickable, and every character counts.
 */
export const DEFAULT_TEMPLATE_BODIES = defineTexts<AutomaticKind>({
  fr: {
    order_created: 'Bonjour {client}, commande {numero} enregistrée chez {atelier}, prête le {date}. {lien}',
    order_ready: 'Bonjour {client}, votre commande {numero} est prête chez {atelier}. Reste à payer : {solde}. {lien}',
    fitting_reminder: 'Bonjour {client}, rappel : essayage demain {date} à {heure} chez {atelier} (commande {numero}).',
    balance_due: 'Bonjour {client}, la commande {numero} vous attend chez {atelier}. Reste à payer : {solde}. {lien}',
    order_delivered: 'Merci {client} pour votre confiance ! À bientôt chez {atelier}.',
  },
  en: {
    order_created: 'Hello {client}, order {numero} recorded at {atelier}, ready on {date}. {lien}',
    order_ready: 'Hello {client}, your order {numero} is ready at {atelier}. Left to pay: {solde}. {lien}',
    fitting_reminder: 'Hello {client}, reminder: fitting tomorrow {date} at {heure} at {atelier} (order {numero}).',
    balance_due: 'Hello {client}, order {numero} is waiting for you at {atelier}. Left to pay: {solde}. {lien}',
    order_delivered: 'Thank you {client} for your trust! See you soon at {atelier}.',
  },
});

const VARIABLE = /\{([a-z]+)\}/g;

/** The template with its variables filled; an unknown `{x}` or a missing value is left as it is. */
export function renderTemplate(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value === undefined ? whole : value;
  });
}

/** The `{x}` of a template that is not one of TEMPLATE_VARIABLES (a typo the editor points out). */
export function unknownVariables(body: string): string[] {
  const found = [...body.matchAll(VARIABLE)].map((m) => m[1]!);
  return [...new Set(found.filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name)))];
}

/** Namespace of the ids derived for a workshop's rows (templates, scheduled reminders). */
const DERIVED_IDS = '7b3f5f0e-2c4a-4e0b-9d61-5a1c7e1e9a52';

/**
 * The id of a row derived from what it is about, inside one workshop: the same on every device
 * and on every cloud instance, so two of them never make the row twice.
 */
export function derivedRowId(workshopId: string, about: string): string {
  return uuidv5(`${workshopId}/${about}`, DERIVED_IDS);
}

/** The id of a workshop's template for one kind of automatic message. */
export function templateRowId(workshopId: string, kind: AutomaticKind): string {
  return derivedRowId(workshopId, `message_template/${kind}`);
}

/** The id of the reminder of a fitting, for the fitting's day (a fitting moved to another day is reminded again). */
export function fittingReminderId(workshopId: string, fittingId: string, day: string): string {
  return derivedRowId(workshopId, `fitting_reminder/${fittingId}/${day}`);
}

/** The id of the balance reminder of an order that became ready at `readyAt` (ready again later: reminded again). */
export function balanceReminderId(workshopId: string, orderId: string, readyAt: string): string {
  return derivedRowId(workshopId, `balance_due/${orderId}/${readyAt}`);
}

/**
 * The variables each automatic message has a value for: every one of them is about an order
 * ({date} is its promised date, or the fitting's day), and only a fitting has a time ({heure}).
 */
export const TEMPLATE_VARIABLES_OF: Readonly<Record<AutomaticKind, readonly TemplateVariable[]>> = {
  order_created: ['client', 'numero', 'atelier', 'date', 'solde', 'lien'],
  order_ready: ['client', 'numero', 'atelier', 'date', 'solde', 'lien'],
  fitting_reminder: TEMPLATE_VARIABLES,
  balance_due: ['client', 'numero', 'atelier', 'date', 'solde', 'lien'],
  order_delivered: ['client', 'numero', 'atelier', 'date', 'solde', 'lien'],
};

/** The known `{x}` of a template that its kind of message has no value for (`{heure}` outside a fitting). */
export function variablesWithoutValue(kind: AutomaticKind, body: string): TemplateVariable[] {
  const found = [...body.matchAll(VARIABLE)].map((m) => m[1]!);
  const known = found.filter((name): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name));
  return [...new Set(known.filter((name) => !TEMPLATE_VARIABLES_OF[kind].includes(name)))];
}

/** The known variables a body uses, each once, in order of appearance. */
export function usedVariables(body: string): TemplateVariable[] {
  const found = [...body.matchAll(VARIABLE)].map((m) => m[1]!);
  return [...new Set(found.filter((name): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name)))];
}
