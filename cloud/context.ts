/** What every area of the cloud receives: configuration, database, logger, metrics, the API registry, the services. */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import type { CloudDb } from './db/client.js';
import type { ApiRegistry } from './http/route.js';
import type { HybridClock } from '../shared/sync/hlc.js';
import type { Services } from './services.js';

export interface CloudContext {
  config: Config;
  db: CloudDb;
  logger: Logger;
  metrics: Registry;
  api: ApiRegistry;
  /** The hub's own clock, for server-side writes. */
  clock: HybridClock;
  /** The current instant (injectable in tests). */
  now(): Date;
  /** Every service, built once by the composition root (services.ts). */
  services: Services;
}
