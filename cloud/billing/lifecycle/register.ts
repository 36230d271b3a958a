/** Placeholder: the lifecycle sweep's schedule and job, filled by the lifecycle work. */
import type { Jobs } from '../../jobs/jobs.js';
import type { CloudContext } from '../../context.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { Providers } from '../../providers/providers.js';
import type { Catalogue } from '../catalogue.js';

export interface LifecycleDeps {
  ctx: Omit<CloudContext, 'services'>;
  writer: ServerWriter;
  providers: Providers;
  catalogue: Catalogue;
}

export function registerBillingLifecycle(_jobs: Jobs, _deps: LifecycleDeps): void {}
