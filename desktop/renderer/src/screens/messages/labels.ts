/** The words of messages as the screens show them: statuses, kinds and channels (the shared catalogues). */
import {
  AUTO_CHANNEL_LABELS,
  MESSAGE_CHANNELS,
  MESSAGE_KIND_LABELS,
  MESSAGE_KINDS,
  MESSAGE_STATUS_LABELS,
  MESSAGE_STATUSES,
  type MessageChannel,
} from '../../../../../shared/messaging/messageOptions.js';
import type { Locale } from '../../app/locale.js';

export { MESSAGE_CHANNELS, type MessageChannel };

function isKey<K extends string>(list: readonly K[], value: string): value is K {
  return (list as readonly string[]).includes(value);
}

/** A status's name; an unknown one (a newer hub's) is shown as it is. */
export function messageStatusLabel(status: string, locale: Locale): string {
  return isKey(MESSAGE_STATUSES, status) ? MESSAGE_STATUS_LABELS[locale][status] : status;
}

export function messageKindLabel(kind: string, locale: Locale): string {
  return isKey(MESSAGE_KINDS, kind) ? MESSAGE_KIND_LABELS[locale][kind] : kind;
}

export function messageChannelLabel(channel: string, locale: Locale): string {
  return isKey(MESSAGE_CHANNELS, channel) ? AUTO_CHANNEL_LABELS[locale][channel] : channel;
}

/** The client's preferred channel when a message can go by it, else SMS. */
export function defaultChannel(preferred: string | null | undefined): MessageChannel {
  return preferred && isKey(MESSAGE_CHANNELS, preferred) ? preferred : 'sms';
}
