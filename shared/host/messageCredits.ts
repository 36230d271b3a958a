/**
 * The `messages.credits` channel: the workshop's message credits from the cloud
 * (GET /api/messages/credits). Offline, or while the cloud fails, the app still shows the last
 * balance this host read, with the time it was read; the host keeps it with the session, so it
 * survives a restart in a power cut.
 */
import type { CreditsView } from './channels.js';
import type { CreditEntry, MessageCredits } from './cloudContracts.js';
import { CloudError, type CloudApi } from './cloudApi.js';
import { text } from '../i18n/texts.js';
import { HOST_TEXTS } from './texts.js';

/** What the host keeps of the last answer. */
export interface KeptCredits {
  balance: number;
  checkedAt: string;
}

/** A kept balance is written again at most this often when it has not changed (the session file is encrypted and rewritten whole). */
const KEEP_REFRESH_MS = 10 * 60_000;

function isEntry(value: unknown): value is CreditEntry {
  const e = value as Partial<CreditEntry> | null;
  return !!e && typeof e.kind === 'string' && Number.isInteger(e.amount) && typeof e.createdAt === 'string';
}

function isCredits(value: unknown): value is MessageCredits {
  const v = value as Partial<MessageCredits> | null;
  return !!v && Number.isInteger(v.balance) && Array.isArray(v.entries) && v.entries.every(isEntry);
}

/** The cloud cannot answer now (no connection, its failure, an unreadable answer): the kept value stands in. */
function unreachable(error: unknown): boolean {
  return error instanceof CloudError && (error.code === 'offline' || error.code === 'bad_response' || error.status >= 500);
}

export interface CreditsRead {
  view: CreditsView;
  /** The value to keep from now on (null: keep what was kept). */
  latest: KeptCredits | null;
  /** Whether to write it down now: it changed, or what is written is old. */
  persist: boolean;
}

/** Asks the cloud; `kept` is the last value kept (in memory), `written` the one last written down. */
export async function readCredits(api: CloudApi, kept: KeptCredits | null, written: KeptCredits | null, now: () => Date): Promise<CreditsRead> {
  let answer: unknown;
  try {
    answer = await api.request<unknown>('GET', '/api/messages/credits');
  } catch (error) {
    if (!unreachable(error)) throw error;
    return { view: { balance: kept?.balance ?? null, entries: [], checkedAt: kept?.checkedAt ?? null, live: false }, latest: null, persist: false };
  }
  if (!isCredits(answer)) {
    if (kept) return { view: { balance: kept.balance, entries: [], checkedAt: kept.checkedAt, live: false }, latest: null, persist: false };
    throw new CloudError(502, 'bad_response', text(HOST_TEXTS, api.locale, 'unreadable'));
  }
  const checkedAt = now().toISOString();
  const persist = !written || written.balance !== answer.balance || Date.parse(checkedAt) - Date.parse(written.checkedAt) >= KEEP_REFRESH_MS;
  return { view: { balance: answer.balance, entries: answer.entries, checkedAt, live: true }, latest: { balance: answer.balance, checkedAt }, persist };
}
