/**
 * What a device may write in `messages` (DESIGN: a device creates a message `queued`, or records
 * one it sent itself as `manual`, and may cancel it while it is still queued; every later status
 * and the delivery fields are the hub's). The hub applies this to every pushed mutation.
 */
import { DEVICE_CREATED_STATUSES, HUB_MESSAGE_FIELDS, type MessageStatus } from './messageOptions.js';

export type DeviceMessageRefusal = 'hubField' | 'createdStatus' | 'notQueued' | 'onlyCancel';

/**
 * Why a device's change to a message is refused, or null. `current` is the stored status (undefined
 * for a new row).
 */
export function deviceMessageRefusal(current: MessageStatus | undefined, fields: Readonly<Record<string, unknown>>): DeviceMessageRefusal | null {
  if (HUB_MESSAGE_FIELDS.some((field) => fields[field] !== undefined && fields[field] !== null)) return 'hubField';
  if (current === undefined) {
    return (DEVICE_CREATED_STATUSES as readonly unknown[]).includes(fields.status) ? null : 'createdStatus';
  }
  const changed = Object.keys(fields).filter((key) => !(HUB_MESSAGE_FIELDS as readonly string[]).includes(key));
  if (changed.length !== 1 || changed[0] !== 'status' || fields.status !== 'cancelled') return 'onlyCancel';
  return current === 'queued' ? null : 'notQueued';
}
