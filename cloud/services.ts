/**
 * The composition root: every service of the cloud is built here, once per server, and reaches
 * the routes and the jobs through the context (`ctx.services`), so both use the same instances.
 */
import type { CloudContext } from './context.js';
import { createStorage } from './files/storage.js';
import { Uploads } from './files/uploads.js';
import { ServerWriter } from './sync/serverWrite.js';
import { SyncService } from './sync/service.js';

export interface Services {
  /** Server-side writes into workshop rows (through the hub write function). */
  serverWrites: ServerWriter;
  /** Photos: resumable uploads, storage, the clean-up of abandoned uploads. */
  uploads: Uploads;
  /** The sync hub: push and pull. */
  sync: SyncService;
}

export function createServices(ctx: Omit<CloudContext, 'services'>): Services {
  return {
    serverWrites: new ServerWriter(ctx.clock),
    uploads: new Uploads(ctx, createStorage(ctx.config)),
    sync: new SyncService(ctx),
  };
}
