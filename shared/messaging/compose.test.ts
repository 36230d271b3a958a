/** A message's text as stored and sent, and what it costs, from its body and the real values. */
import { describe, expect, it } from 'vitest';
import { LINK_ESTIMATE, composeMessage, messageCost, withEmptyGaps } from './compose.js';

const VALUES = { client: 'Aïcha', numero: 'A-42', atelier: 'Chez Aïcha', solde: '5 000 FCFA' };

describe('composeMessage', () => {
  it('an SMS is rewritten to GSM-7 when the workshop asks for it, and costs one credit a part', () => {
    const sms = composeMessage({ body: '{client}, votre tenue est prête', values: VALUES, channel: 'sms', gsm7: true, linkByHub: false });
    expect(sms).toEqual({
      text: 'Aicha, votre tenue est prete',
      unknownVariables: [],
      unfilledVariables: [],
      cost: { characters: 28, parts: 1, encoding: 'GSM-7', nonGsm: [], credits: 1 },
      costEstimated: false,
    });
    const kept = composeMessage({ body: '{client}, votre tenue est prête', values: VALUES, channel: 'sms', gsm7: false, linkByHub: false });
    expect(kept.text).toBe('Aïcha, votre tenue est prête');
    expect(kept.cost).toEqual({ characters: 28, parts: 1, encoding: 'UCS-2', nonGsm: ['ï', 'ê'], credits: 1 });
  });

  it('WhatsApp and e-mail keep the accents: one credit a WhatsApp message, none for an e-mail', () => {
    const whatsapp = composeMessage({ body: '{client}, prête 🙏', values: VALUES, channel: 'whatsapp', gsm7: true, linkByHub: false });
    expect(whatsapp.text).toBe('Aïcha, prête 🙏');
    expect(whatsapp.cost).toEqual({ characters: 14, parts: 1, encoding: null, nonGsm: [], credits: 1 });
    expect(composeMessage({ body: 'Bonjour', values: VALUES, channel: 'email', gsm7: true, linkByHub: false }).cost.credits).toBe(0);
  });

  it('names the typos and the variables without a value', () => {
    const result = composeMessage({ body: '{client} {prenom} {heure} {numero}', values: VALUES, channel: 'sms', gsm7: true, linkByHub: false });
    expect(result.unknownVariables).toEqual(['prenom']);
    expect(result.unfilledVariables).toEqual(['heure']);
  });

  it('without the cloud\'s address, keeps {lien} for the hub and counts a link in its place', () => {
    const body = `Suivi : {lien} ${'x'.repeat(120)}`;
    const result = composeMessage({ body, values: VALUES, channel: 'sms', gsm7: true, linkByHub: true });
    expect(result.text).toBe(body);
    expect(result.unfilledVariables).toEqual([]);
    expect(result.costEstimated).toBe(true);
    expect(result.cost.characters).toBe(body.length - '{lien}'.length + LINK_ESTIMATE.length);
    expect(result.cost.parts).toBe(2);
    expect(messageCost(body, 'sms').parts).toBe(1);
    // Without an order there is no link at all: {lien} has no value.
    expect(composeMessage({ body, values: VALUES, channel: 'sms', gsm7: true, linkByHub: false }).unfilledVariables).toEqual(['lien']);
  });

  it('a link it knows is written in the text', () => {
    const result = composeMessage({ body: 'Suivi : {lien}', values: { ...VALUES, lien: 'https://s.example/t/abc' }, channel: 'sms', gsm7: true, linkByHub: true });
    expect(result.text).toBe('Suivi : https://s.example/t/abc');
    expect(result.costEstimated).toBe(false);
  });
});

describe('withEmptyGaps (automatic messages never send a {variable})', () => {
  it('empties what has no value, keeps {lien} for the hub when it fills it', () => {
    expect(withEmptyGaps('{client} {heure} {lien}', VALUES, true)).toEqual({ ...VALUES, heure: '' });
    expect(withEmptyGaps('{client} {heure} {lien}', VALUES, false)).toEqual({ ...VALUES, heure: '', lien: '' });
  });
});

describe('messageCost', () => {
  it('nothing written costs nothing', () => {
    expect(messageCost('', 'sms')).toEqual({ characters: 0, parts: 0, encoding: 'GSM-7', nonGsm: [], credits: 0 });
    expect(messageCost('', 'whatsapp').credits).toBe(0);
  });

  it('a long SMS costs a credit per part', () => {
    expect(messageCost('a'.repeat(161), 'sms')).toMatchObject({ parts: 2, credits: 2 });
    expect(messageCost('ɛ'.repeat(71), 'sms')).toMatchObject({ parts: 2, encoding: 'UCS-2', credits: 2, nonGsm: ['ɛ'] });
  });
});
