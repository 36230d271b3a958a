/** What every command and query receives: the database, the clock, who acts, and the time. */
import type { SqlPort } from './sqlPort.js';
import type { HybridClock } from '../sync/hlc.js';
import type { Role } from '../domain/roles.js';
import type { Locale } from '../i18n/index.js';

export interface Actor {
  /** The member acting; null before the workshop exists. */
  memberId: string | null;
  role: Role;
}

export interface EngineContext {
  db: SqlPort;
  clock: HybridClock;
  locale: Locale;
  actor: Actor;
  deviceId: string;
  /** The current instant (injectable for tests). */
  now(): Date;
  /**
   * The cloud's public address (DESIGN `PUBLIC_URL`), for the tracking links written into
   * messages; null when the host did not give it: the body then keeps the literal `{lien}`, and
   * the hub puts the order's link in its place when it sends the message.
   */
  publicUrl: string | null;
}
