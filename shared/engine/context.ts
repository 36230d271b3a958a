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
}
