/**
 * Small pure helpers of the message screens (no React, no host: tested under Node): how many
 * characters an SMS part still holds, how to show a character a tailor cannot see, and how a
 * variable goes where the cursor is.
 */
import type { MessageCost } from '../../../../../shared/messaging/compose.js';

/** Characters a part holds: one part alone, or each part of a longer message (the rest is its header). */
const PART = { 'GSM-7': { single: 160, multi: 153 }, 'UCS-2': { single: 70, multi: 67 } } as const;

/** Characters left before the message takes one more part (null: not an SMS). */
export function charactersLeft(cost: Pick<MessageCost, 'characters' | 'parts' | 'encoding'>): number | null {
  if (!cost.encoding) return null;
  const size = PART[cost.encoding];
  const parts = Math.max(1, cost.parts);
  return Math.max(0, (parts === 1 ? size.single : parts * size.multi) - cost.characters);
}

/** A character as it can be read: an invisible one (a no-break space, a control) by its code point. */
export function visibleCharacter(c: string): string {
  return /^[\s\p{C}]$/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : c;
}

/** A variable as written in a template: `{client}`. */
export const token = (name: string) => `{${name}}`;

/** The text with `insert` put in place of the selection [start, end), and where the cursor goes after it. */
export function insertAt(text: string, insert: string, start: number, end: number): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}
