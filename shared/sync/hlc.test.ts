import { describe, expect, it } from 'vitest';
import { HybridClock, formatHlc, hlcWins, isHlc, parseHlc } from './hlc.js';

const NODE_A = 'a1b2c3d4e5f60718';
const NODE_B = '0000000000000001';

describe('hybrid logical clock', () => {
  it('has the exact text format of the protocol and parses back', () => {
    const hlc = formatHlc({ millis: Date.parse('2026-11-25T10:00:00.000Z'), counter: 0, node: NODE_A });
    expect(hlc).toBe('2026-11-25T10:00:00.000Z-0000-a1b2c3d4e5f60718');
    expect(isHlc(hlc)).toBe(true);
    expect(parseHlc('2026-11-25T10:00:00.000Z-00ff-a1b2c3d4e5f60718')).toEqual({ millis: Date.parse('2026-11-25T10:00:00.000Z'), counter: 255, node: NODE_A });
    for (const bad of ['', '2026-11-25T10:00:00Z-0000-a1b2c3d4e5f60718', '2026-11-25T10:00:00.000Z-000-a1b2c3d4e5f60718', '2026-11-25T10:00:00.000Z-0000-A1B2C3D4E5F60718']) {
      expect(isHlc(bad)).toBe(false);
    }
    expect(() => new HybridClock('nothex')).toThrow();
  });

  it('is strictly increasing when the wall clock stands still or goes back', () => {
    let wall = Date.parse('2026-11-25T10:00:00.000Z');
    const clock = new HybridClock(NODE_A, () => wall);
    const a = clock.now();
    const b = clock.now();
    wall -= 60_000;
    const c = clock.now();
    wall += 120_000;
    const d = clock.now();
    expect([a, b, c, d]).toEqual([...[a, b, c, d]].sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(b.slice(25, 29)).toBe('0001');
    expect(d.slice(25, 29)).toBe('0000');
  });

  it('overflows its counter into the next millisecond instead of wrapping', () => {
    const clock = new HybridClock(NODE_A, () => 1_000);
    let previous = clock.now();
    for (let i = 0; i < 70_000; i++) {
      const next = clock.now();
      expect(next > previous).toBe(true);
      previous = next;
    }
  });

  it('never issues a clock below one it has observed, and applies the offset', () => {
    const wall = Date.parse('2026-11-25T10:00:00.000Z');
    const clock = new HybridClock(NODE_A, () => wall);
    const remote = '2026-11-25T10:03:00.000Z-0005-' + NODE_B;
    clock.observe(remote);
    expect(clock.now() > remote).toBe(true);
    const corrected = new HybridClock(NODE_A, () => wall);
    corrected.offsetMs = 3_600_000;
    expect(corrected.now().startsWith('2026-11-25T11:00:00.000Z')).toBe(true);
  });

  it('decides each field by the larger clock; the node breaks ties', () => {
    const older = '2026-11-25T10:00:00.000Z-0000-' + NODE_A;
    const newer = '2026-11-25T10:00:00.000Z-0001-' + NODE_B;
    expect(hlcWins(newer, older)).toBe(true);
    expect(hlcWins(older, newer)).toBe(false);
    expect(hlcWins(older, undefined)).toBe(true);
    expect(hlcWins('2026-11-25T10:00:00.000Z-0000-' + NODE_A, '2026-11-25T10:00:00.000Z-0000-' + NODE_B)).toBe(true);
  });
});
