/**
 * Hybrid logical clock, as fixed by DESIGN.md:
 *   `2026-11-25T10:00:00.000Z-0000-a1b2c3d4e5f60718`
 * ISO UTC millis, a 4-hex counter, a 16-hex node id. Clocks compare as plain text.
 */

export const HLC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
const MAX_COUNTER = 0xffff;

export interface HlcParts {
  millis: number;
  counter: number;
  node: string;
}

export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function formatHlc({ millis, counter, node }: HlcParts): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(hlc: string): HlcParts {
  if (!isHlc(hlc)) throw new Error(`Horloge invalide : ${hlc}`);
  return {
    millis: Date.parse(hlc.slice(0, 24)),
    counter: parseInt(hlc.slice(25, 29), 16),
    node: hlc.slice(30),
  };
}

export function isNodeId(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}

/**
 * A clock for one device. `wallClock` returns the device's time in ms; `offsetMs` is the
 * correction learnt from the hub's `serverTime` (clients re-stamp with it after a clock_skew).
 */
export class HybridClock {
  private lastMillis = 0;
  private counter = 0;
  offsetMs = 0;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (!isNodeId(node)) throw new Error(`Identifiant de nœud invalide : ${node}`);
  }

  /** Never go below a clock already issued or seen (kept across restarts by the caller). */
  observe(hlc: string): void {
    const seen = parseHlc(hlc);
    if (seen.millis > this.lastMillis || (seen.millis === this.lastMillis && seen.counter > this.counter)) {
      this.lastMillis = seen.millis;
      this.counter = seen.counter;
    }
  }

  /** The next clock: strictly greater than every clock issued or observed before. */
  now(): string {
    const physical = this.wallClock() + this.offsetMs;
    if (physical > this.lastMillis) {
      this.lastMillis = physical;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      this.lastMillis += 1;
      this.counter = 0;
    }
    return formatHlc({ millis: this.lastMillis, counter: this.counter, node: this.node });
  }

  /**
   * Forget the clocks issued so far: only after the hub said this device's clock was ahead and the
   * offset was corrected, so that new clocks follow the hub's time again.
   */
  resetAfterCorrection(): void {
    this.lastMillis = 0;
    this.counter = 0;
  }

  /** The latest clock issued or observed, or null before the first one. */
  last(): string | null {
    return this.lastMillis === 0 ? null : formatHlc({ millis: this.lastMillis, counter: this.counter, node: this.node });
  }
}

/** True when `a` wins over `b` for one field (last writer wins; ties cannot happen across nodes). */
export function hlcWins(a: string, b: string | undefined | null): boolean {
  return b == null || a > b;
}
