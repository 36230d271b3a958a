/**
 * Crash-test child: saves a new session again and again (the refresh token carries a counter)
 * until the parent kills it. Args: <dataDir> <aes key, hex>.
 */
import { createNodePorts } from './nodePorts.js';
import { aesEncryptor } from './testing.js';
import { sampleSession } from './sessionSample.fixture.js';

const [dataDir, keyHex] = process.argv.slice(2);
if (!dataDir || !keyHex) throw new Error('usage: sessionWriter.fixture.ts <dataDir> <keyHex>');
const ports = createNodePorts({
  dataDir,
  serverUrl: 'http://127.0.0.1:9',
  deviceName: 'crash',
  encryptor: aesEncryptor(Buffer.from(keyHex, 'hex')),
  emit: () => undefined,
});

// A large session (a long name) so that a write takes long enough to be cut in the middle.
const padding = 'x'.repeat(256 * 1024);
for (let n = 1; ; n += 1) {
  await ports.saveSession({ ...sampleSession(), refreshToken: `refresh-${n}`, user: { ...sampleSession().user, name: `Aïcha ${padding}` } });
  if (n % 5 === 0) process.stdout.write(`SAVED ${n}\n`);
}
