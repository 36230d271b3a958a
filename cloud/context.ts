/** What every area of the cloud receives: configuration, database, logger, metrics, the API registry, the services. */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import type { CloudDb } from './db/client.js';
import type { ApiRegistry } from './http/route.js';
import type { HybridClock } from '../shared/sync/hlc.js';
import type { Services } from './services.js';
import type { JobsOptions } from './jobs/jobs.js';
import type { ProviderTimeouts } from './providers/providers.js';
import type { DispatchOptions } from './notifications/dispatchOptions.js';

/**
 * Waits and limits that tests and benchmarks shorten (a provider's timeout, a retry's delay, how
 * often the queue polls). A real server passes none: every default is the production one.
 */
export interface CloudTuning {
  jobs?: Partial<Pick<JobsOptions, 'pollIntervalMs' | 'maintenanceIntervalSeconds' | 'poolSize'>>;
  providers?: ProviderTimeouts;
  messages?: DispatchOptions;
}

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
  /** Shorter waits for tests and benchmarks; absent on a real server. */
  tuning?: CloudTuning;
  /** Every service, built once by the composition root (services.ts). */
  services: Services;
}
