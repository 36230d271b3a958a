/**
 * Sync cursors: "N" — every change up to N applied; "N~M" — while a pull runs in pages: every
 * change up to N applied, and every row whose last change is at most M received whole.
 * A cursor whose applied part is 0 ("0", "0~M") is a first sync: the device receives the current
 * state without the history of orders closed long ago (domain/history.ts, cloud/sync/pull.ts);
 * "received whole" then means every row up to M that a first sync sends.
 */
export interface Cursor {
  applied: number;
  after: number;
}

export const CURSOR_PATTERN = /^\d{1,18}(~\d{1,18})?$/;

export function parseCursor(text: string): Cursor {
  const [applied = '0', after] = text.split('~');
  const a = Number(applied);
  return { applied: a, after: after === undefined ? a : Math.max(a, Number(after)) };
}

/** How far a pull has come, for a progress bar: the sequence reached so far. */
export function cursorPosition(text: string): number {
  return parseCursor(text).after;
}

/** A first sync: nothing applied yet (cursors "0" and "0~M"). */
export function isFirstSync(cursor: Cursor): boolean {
  return cursor.applied === 0;
}
