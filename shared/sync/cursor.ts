/**
 * Sync cursors: "N" — every change up to N applied; "N~M" — while a pull runs in pages: every
 * change up to N applied, and every row whose last change is at most M received whole.
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
