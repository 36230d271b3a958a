/**
 * Entry point (`npm start`): reads the configuration, opens the database (PGlite in DATA_DIR by
 * default, Postgres with DATABASE_URL), runs migrations, listens and prints the address.
 */
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openCloudDb } from './db/client.js';
import { createApp } from './app.js';
import { ApiRegistry } from './http/route.js';
import { logSerializers } from './http/logging.js';
import { createGuards } from './http/guards.js';
import { createServices } from './services.js';
import { createAdminGuard } from './admin/guard.js';
import { ensureFirstAdmin } from './admin/bootstrap.js';
import { HybridClock } from '../shared/sync/hlc.js';
import type { CloudContext } from './context.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Server } from 'node:http';

export async function createContext(config: Config, overrides: Partial<CloudContext> = {}): Promise<CloudContext> {
  // Every logger of the context summarises errors without their values (http/logging.ts), a test's too.
  const logger = (overrides.logger ?? pino({ level: config.logLevel })).child({}, { serializers: logSerializers });
  const db = overrides.db ?? (await openCloudDb({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite'), maxConnections: config.databasePoolSize, syncStateCacheEntries: config.syncStateCacheEntries }));
  const now = overrides.now ?? (() => new Date());
  const base = {
    config,
    db,
    logger,
    metrics: overrides.metrics ?? new Registry(),
    api: new ApiRegistry(createGuards({ config, db, now, admin: createAdminGuard({ config, db, now }) })),
    clock: new HybridClock(randomBytes(8).toString('hex'), () => now().getTime()),
    now,
    ...(overrides.tuning ? { tuning: overrides.tuning } : {}),
  };
  // The first platform admin (ADMIN_EMAIL, ADMIN_PASSWORD), if it does not exist yet.
  await ensureFirstAdmin(db, config, now());
  return { ...base, services: createServices(base) };
}

export async function startServer(config: Config): Promise<{ server: Server; ctx: CloudContext; url: string }> {
  const ctx = await createContext(config);
  await ctx.services.jobs.start();
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { server, ctx, url: `http://${config.host}:${port}` };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { server, ctx, url } = await startServer(config);
  const storage = config.databaseUrl ? 'PostgreSQL' : `PGlite (${join(config.dataDir, 'pglite')})`;
  console.log(`Styliste cloud prêt sur ${url} — base : ${storage}`);
  const stop = async () => {
    server.close();
    await ctx.services.jobs.stop(10_000);
    ctx.services.providers.email.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
