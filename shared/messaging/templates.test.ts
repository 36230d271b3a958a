/** Templates: filling the variables, the typos the editor points out, the defaults, the derived ids. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATE_BODIES,
  DEFAULT_TEMPLATE_CHANNELS,
  TEMPLATE_VARIABLES,
  TEMPLATE_VARIABLES_OF,
  balanceReminderId,
  derivedRowId,
  fittingReminderId,
  renderTemplate,
  templateRowId,
  unknownVariables,
  usedVariables,
  variablesWithoutValue,
} from './templates.js';
import { AUTOMATIC_KINDS } from './messageOptions.js';
import { templateValues } from './recipients.js';
import { smsCost } from './smsText.js';
import { isUuid } from '../domain/ids.js';

const WORKSHOP = '0190f5a0-1111-7000-8000-000000000001';
const OTHER = '0190f5a0-2222-7000-8000-000000000002';

describe('renderTemplate', () => {
  it('fills every variable it has a value for', () => {
    expect(renderTemplate('Bonjour {client}, commande {numero} chez {atelier} : {solde}. {lien}', { client: 'Aïcha', numero: 'A-42', atelier: 'Chez Aïcha', solde: '12 500 FCFA', lien: 'https://s.example/t/x' }))
      .toBe('Bonjour Aïcha, commande A-42 chez Chez Aïcha : 12 500 FCFA. https://s.example/t/x');
  });

  it('leaves an unknown variable and a variable without value as they are', () => {
    expect(renderTemplate('{client} {prenom} {numero} {Client} { client }', { client: 'Koffi' })).toBe('Koffi {prenom} {numero} {Client} { client }');
  });

  it('never fills a variable that a value brings in (a client named "{numero}")', () => {
    expect(renderTemplate('{client} : {numero}', { client: '{numero}', numero: 'A-1' })).toBe('{numero} : A-1');
  });

  it('fills a variable used twice, and an empty value', () => {
    expect(renderTemplate('{client}/{client}/{heure}', { client: 'Afi', heure: '' })).toBe('Afi/Afi/');
  });
});

describe('variables', () => {
  it('names the typos once each, in order', () => {
    expect(unknownVariables('Bonjour {cliente}, {numero} {date} {cliente} {montant}')).toEqual(['cliente', 'montant']);
    expect(unknownVariables('Aucune variable ici, ni {} ni {1}')).toEqual([]);
    expect(usedVariables('{lien} {client} {lien} {x}')).toEqual(['lien', 'client']);
  });

  it('only a fitting reminder has a time', () => {
    expect(variablesWithoutValue('order_ready', 'Prête à {heure}, le {date} {x}')).toEqual(['heure']);
    expect(variablesWithoutValue('fitting_reminder', 'Essayage le {date} à {heure}')).toEqual([]);
    for (const kind of AUTOMATIC_KINDS) expect(TEMPLATE_VARIABLES_OF[kind].every((v) => TEMPLATE_VARIABLES.includes(v))).toBe(true);
  });
});

describe('the default templates', () => {
  // Long real values: names of 20 characters, a 7-character number, a 39-character link.
  const values = templateValues({
    clientName: 'Aïcha Houngbédji Aho',
    orderNumber: 'AB-1234',
    workshopName: 'Atelier Chez Aïcha C',
    day: '2026-12-08',
    time: '14:30',
    balance: 125_000,
    link: `https://styliste.app/t/${'A'.repeat(16)}`,
  });

  it.each(AUTOMATIC_KINDS)('%s: known variables only, each with a value for its kind, in both languages', (kind) => {
    for (const locale of ['fr', 'en'] as const) {
      const body = DEFAULT_TEMPLATE_BODIES[locale][kind];
      expect(unknownVariables(body)).toEqual([]);
      expect(variablesWithoutValue(kind, body)).toEqual([]);
    }
  });

  it.each(AUTOMATIC_KINDS)('%s: once filled with real values, one GSM-7 SMS part in French', (kind) => {
    const cost = smsCost(renderTemplate(DEFAULT_TEMPLATE_BODIES.fr[kind], values), true);
    expect(cost.encoding).toBe('GSM-7');
    expect(cost.text).not.toMatch(/\{[a-z]+\}/);
    expect(cost.parts, cost.text).toBe(1);
  });

  it('"order ready" and "fitting tomorrow" are on by default, by the preferred channel; "order ready" carries the link', () => {
    expect(DEFAULT_TEMPLATE_CHANNELS).toEqual({ order_created: 'off', order_ready: 'preferred', fitting_reminder: 'preferred', balance_due: 'off', order_delivered: 'off' });
    expect(DEFAULT_TEMPLATE_BODIES.fr.order_ready).toContain('{lien}');
  });
});

describe('derived ids', () => {
  it('are UUIDs, the same everywhere for the same thing, different for another workshop or thing', () => {
    expect(isUuid(templateRowId(WORKSHOP, 'order_ready'))).toBe(true);
    expect(templateRowId(WORKSHOP, 'order_ready')).toBe(templateRowId(WORKSHOP, 'order_ready'));
    expect(templateRowId(WORKSHOP, 'order_ready')).not.toBe(templateRowId(OTHER, 'order_ready'));
    expect(templateRowId(WORKSHOP, 'order_ready')).not.toBe(templateRowId(WORKSHOP, 'order_created'));
    expect(derivedRowId(WORKSHOP, 'x')).toBe(derivedRowId(WORKSHOP, 'x'));
  });

  it('a fitting moved to another day, an order ready again, is reminded again', () => {
    expect(fittingReminderId(WORKSHOP, 'f1', '2026-12-08')).not.toBe(fittingReminderId(WORKSHOP, 'f1', '2026-12-09'));
    expect(balanceReminderId(WORKSHOP, 'o1', '2026-12-01T10:00:00.000Z')).not.toBe(balanceReminderId(WORKSHOP, 'o1', '2026-12-05T10:00:00.000Z'));
  });
});
