/** A real cloud server on 127.0.0.1 (random port) over a fresh test database. */
import type { Server } from 'node:http';
import { pino } from 'pino';
import { loadConfig, type Config } from '../config.js';
import { createContext } from '../server.js';
import { createApp } from '../app.js';
import { openTestDb } from './testDb.js';
import type { CloudContext } from '../context.js';

export interface TestServer {
  url: string;
  ctx: CloudContext;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, overrides: Partial<CloudContext> = {}): Promise<TestServer> {
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/styliste-test-unused',
    ...env,
  });
  const db = overrides.db ?? (await openTestDb());
  const ctx = await createContext(config, { logger: pino({ level: 'silent' }), ...overrides, db });
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
