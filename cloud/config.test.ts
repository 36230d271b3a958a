import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on embedded defaults in development, keeping a generated secret in the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'styliste-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dir });
      expect(first).toMatchObject({ env: 'development', port: 8080, host: '127.0.0.1', databaseUrl: undefined, s3: null });
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
      expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a production server with no secret or a weak one, with a clear message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET manquant/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'secret' })).toThrow(/trop faible/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(64) })).toThrow(/trop faible/);
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'kR4v9-Xq2mZ8pL1sW7tY3nB6cD0fG5hJ' });
    expect(ok.env).toBe('production');
  });

  it('refuses malformed values and incomplete S3 settings', () => {
    expect(() => loadConfig({ PORT: 'quatre-vingt' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'pas une url', DATA_DIR: '/tmp/x-styliste' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(40), S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3/);
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40), CORS_ORIGINS: 'https://a.bj, https://b.bj' }).corsOrigins).toEqual(['https://a.bj', 'https://b.bj']);
  });
});
