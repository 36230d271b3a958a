/** What a device may write in `messages`: the hub applies this to every pushed mutation. */
import { describe, expect, it } from 'vitest';
import { deviceMessageRefusal } from './deviceRules.js';
import { HUB_MESSAGE_FIELDS, MESSAGE_STATUSES, statusMayAdvance, type MessageStatus } from './messageOptions.js';

const NEW_ROW = {
  clientId: '0190f5a0-1111-7000-8000-000000000001',
  orderId: null,
  channel: 'sms',
  to: '+2290197000001',
  body: 'Bonjour',
  kind: 'custom',
  createdAt: '2026-11-25T09:00:00.000Z',
  createdBy: null,
  deletedAt: null,
};

describe('a new message from a device', () => {
  it.each(MESSAGE_STATUSES)('created with status %s', (status) => {
    const expected = status === 'queued' || status === 'manual' ? null : 'createdStatus';
    expect(deviceMessageRefusal(undefined, { ...NEW_ROW, status })).toBe(expected);
  });

  it.each(HUB_MESSAGE_FIELDS)('naming the hub\'s field %s is refused; null or absent is fine', (field) => {
    expect(deviceMessageRefusal(undefined, { ...NEW_ROW, status: 'queued', [field]: field.endsWith('At') ? '2026-11-25T09:00:00.000Z' : 1 })).toBe('hubField');
    expect(deviceMessageRefusal(undefined, { ...NEW_ROW, status: 'queued', [field]: null })).toBeNull();
  });

  it('without a status is refused', () => {
    expect(deviceMessageRefusal(undefined, NEW_ROW)).toBe('createdStatus');
  });
});

describe('a change to a stored message from a device', () => {
  const cancel = { status: 'cancelled' };

  it.each(MESSAGE_STATUSES)('cancelling one that is %s', (current) => {
    expect(deviceMessageRefusal(current, cancel)).toBe(current === 'queued' ? null : 'notQueued');
  });

  it.each([
    ['the body', { body: 'Autre texte' }],
    ['the recipient', { to: '+2290197000009' }],
    ['a cancel with the body', { status: 'cancelled', body: 'Autre' }],
    ['another status', { status: 'sent' }],
    ['queued again', { status: 'queued' }],
    ['a delete', { deletedAt: '2026-11-25T09:00:00.000Z' }],
    ['nothing', {}],
  ])('changing %s is refused', (_what, fields) => {
    expect(deviceMessageRefusal('queued', fields)).toBe('onlyCancel');
  });

  it('a cancel that names a hub field is refused for that', () => {
    expect(deviceMessageRefusal('queued', { status: 'cancelled', sentAt: '2026-11-25T09:00:00.000Z' })).toBe('hubField');
    expect(deviceMessageRefusal('queued', { status: 'cancelled', failureReason: null })).toBeNull();
  });
});

describe('statusMayAdvance (the hub\'s reports)', () => {
  const order: MessageStatus[] = ['queued', 'sending', 'sent', 'delivered'];
  it('moves forward only, never back from delivered, never out of an end', () => {
    expect(order.every((s, i) => order.slice(i + 1).every((later) => statusMayAdvance(s, later)))).toBe(true);
    expect(statusMayAdvance('delivered', 'sent')).toBe(false);
    expect(statusMayAdvance('delivered', 'failed')).toBe(false);
    expect(statusMayAdvance('sent', 'failed')).toBe(true);
    for (const end of ['cancelled', 'manual', 'failed', 'delivered'] as const) {
      expect(MESSAGE_STATUSES.filter((next) => statusMayAdvance(end, next))).toEqual([]);
    }
    expect(statusMayAdvance('sent', 'sent')).toBe(false);
  });
});
