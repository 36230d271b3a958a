/** Test devices: engines on real SQLite files that sync with a real server over HTTP. */
import { openFileEngine } from '../../desktop/sqlite/testing.js';
import type { Engine, EngineOptions } from '../../shared/engine/engine.js';
import { SyncClient, type SyncClientOptions } from '../../shared/sync/client.js';

export interface TestDevice {
  engine: Engine;
  client: SyncClient;
  /** First sync, then act as `memberId` and take the device code the hub gives. */
  join(memberId: string, code: string): Promise<void>;
}

export async function openTestDevice(
  path: string,
  baseUrl: string,
  token: () => string,
  options: EngineOptions & { fetch?: typeof fetch; client?: Partial<SyncClientOptions> } = {},
): Promise<TestDevice> {
  const engine = await openFileEngine(path, options);
  const client = new SyncClient({ engine, baseUrl, accessToken: async () => token(), fetch: options.fetch, ...options.client });
  return {
    engine,
    client,
    async join(memberId, code) {
      await client.sync();
      await engine.useMember(memberId);
      await engine.assignDeviceCode(code);
    },
  };
}
