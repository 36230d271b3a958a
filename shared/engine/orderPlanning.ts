/** Order numbers and promised-date suggestions, from the local state of the workshop. */
import type { SqlExecutor } from './sqlPort.js';
import type { EngineContext } from './context.js';
import { getMeta, setMeta } from './meta.js';
import { EngineError } from '../domain/errors.js';
import { t } from '../i18n/index.js';
import { ACTIVE_STATUSES } from '../domain/orderStatus.js';
import { suggestPromisedDate, describePromisedDate, type PromisedDateSuggestion, type Urgency } from '../domain/promisedDate.js';
import { todayIn } from '../domain/calendar.js';
import { workshopSettings } from './queries/settingsQueries.js';

/**
 * The next order number of THIS device: its code (unique in the workshop, A for the device that
 * created it, the others given by the hub at registration) and its own sequence, e.g. "A-42".
 * Two devices offline can never produce the same number.
 */
export async function nextOrderNumber(ctx: EngineContext, tx: SqlExecutor): Promise<string> {
  const code = await getMeta(tx, 'deviceCode');
  if (!code) throw new EngineError('not_ready', t(ctx.locale, 'error.noDeviceCode'));
  const prefix = `${code}-`;
  // The device's counter, kept in meta; rebuilt once from its orders when missing (a database
  // restored or re-filled by sync after a reinstall, or a code just given by the hub).
  const stored = await getMeta(tx, 'orderSeq');
  let last = stored?.startsWith(prefix) ? Number(stored.slice(prefix.length)) : null;
  if (last === null) {
    const row = await tx.get<{ last: number | null }>(
      'SELECT MAX(CAST(substr(number, ?) AS INTEGER)) AS last FROM orders WHERE number >= ? AND number < ?',
      [prefix.length + 1, prefix, `${code}.`],
    );
    last = row?.last ?? 0;
  }
  const number = `${prefix}${last + 1}`;
  await setMeta(tx, 'orderSeq', number);
  return number;
}

export async function countActiveOrders(tx: SqlExecutor): Promise<number> {
  const row = await tx.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM orders WHERE deleted_at IS NULL AND status IN (${ACTIVE_STATUSES.map(() => '?').join(',')})`,
    [...ACTIVE_STATUSES],
  );
  return row?.n ?? 0;
}

export interface DateSuggestion extends PromisedDateSuggestion {
  explanation: string;
}

export async function suggestDateFor(
  ctx: EngineContext,
  tx: SqlExecutor,
  durationDays: number,
  urgency: Urgency,
): Promise<DateSuggestion> {
  const settings = await workshopSettings(tx, ctx.locale);
  const suggestion = suggestPromisedDate({
    today: todayIn(settings.timezone, ctx.now()),
    durationDays,
    urgency,
    calendar: { workingDays: settings.workingDays, closingDays: settings.closingDays },
    activeOrders: await countActiveOrders(tx),
    capacity: settings.capacity,
  });
  return { ...suggestion, explanation: describePromisedDate(suggestion, ctx.locale) };
}
