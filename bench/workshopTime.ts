/**
 * Time in the generated workshop: Bénin local dates, opening hours, and the steps of the plan
 * (one command at a given instant) put in a runnable order.
 */
import type { CommandInput, CommandName, CommandResult } from '../shared/engine/engine.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Bénin is UTC+1 all year (no daylight saving). */
const TZ_OFFSET = HOUR;

export const localDate = (ms: number): string => new Date(ms + TZ_OFFSET).toISOString().slice(0, 10);
export const localMidnight = (date: string): number => Date.parse(`${date}T00:00:00.000Z`) - TZ_OFFSET;
/** Moves an instant into opening hours (08:00–19:00 local) of the same day, keeping order. */
export function workHours(ms: number): number {
  const local = ms + TZ_OFFSET;
  const dayStart = Math.floor(local / DAY) * DAY;
  const snapped = dayStart + 8 * HOUR + ((local - dayStart) / DAY) * 11 * HOUR - TZ_OFFSET;
  return Math.min(snapped, ms);
}

/** One thing that happens to a client or an order, at a time, in a logical position. */
export interface Step {
  at: number;
  run: () => Promise<void>;
}

/** Runs one command through the engine (and times it). */
export type Exec = <N extends CommandName>(name: N, input: CommandInput<N>) => Promise<CommandResult<N>>;

/**
 * One entity's steps in a runnable order: the first (its creation) first, the others after it
 * sorted by time (ties in the order given), each strictly later than the previous one.
 */
export function sequence([first, ...rest]: Step[]): Step[] {
  if (!first) return [];
  for (const s of rest) s.at = Math.max(s.at, first.at + 1000);
  const sorted = [first, ...rest.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s)];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.at <= sorted[i - 1]!.at) sorted[i]!.at = sorted[i - 1]!.at + 1000;
  }
  return sorted;
}
