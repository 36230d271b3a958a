/**
 * Configuration from the environment, parsed once at start with zod. Anything wrong stops the
 * server with a clear message; in production a missing or weak secret is an error, in
 * development a random secret is kept in the data folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { providerEnvShape, readProviderSettings, type ProviderSettings } from './providers/settings.js';

/** Rows per page of a first sync: 2,000 ≈ 100 KB brotli, a few seconds over 3G, little lost to a cut (bench:sync). */
export const DEFAULT_SYNC_PAGE_ROWS = 2000;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().url('DATABASE_URL doit être une URL postgres://…').optional(),
  /** postgres.js connections per server process (Postgres only). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Sync-state answers kept in memory until their workshop changes (db/syncStateCache.ts); 0 turns it off. */
  SYNC_STATE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  DATA_DIR: z.string().default('.data'),
  JWT_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT: z.string().default('1mb'),
  SYNC_PAGE_ROWS: z.coerce.number().int().min(10).max(10_000).default(DEFAULT_SYNC_PAGE_ROWS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** The first platform admin, created at start if it does not exist yet (DESIGN "Admin portal"). */
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /** PUBLIC_URL and the providers' names (DESIGN "Configuration names"): providers/settings.ts. */
  ...providerEnvShape,
});

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  syncStateCacheEntries: number;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  bodyLimit: string;
  /** Rows per pull page (a new device's first sync comes in pages of this many rows). */
  syncPageRows: number;
  logLevel: string;
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  /** The cloud's public address, without a trailing slash (links in messages, providers' callbacks). */
  publicUrl: string;
  /** Each provider's settings, or null: that provider then writes to the development outbox. */
  providers: ProviderSettings;
  /** The first platform admin (ADMIN_EMAIL, ADMIN_PASSWORD), or null. */
  firstAdmin: { email: string; password: string } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const MIN_SECRET_LENGTH = 32;

function weak(secret: string): boolean {
  return secret.length < MIN_SECRET_LENGTH || new Set(secret).size < 10 || /^(secret|changeme|password)/i.test(secret);
}

function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Configuration invalide :\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  let jwtSecret = e.JWT_SECRET;
  if (e.NODE_ENV === 'production') {
    if (!jwtSecret) throw new ConfigError('JWT_SECRET manquant : en production, donnez un secret aléatoire de 32 caractères au moins.');
    if (weak(jwtSecret)) throw new ConfigError(`JWT_SECRET trop faible : ${MIN_SECRET_LENGTH} caractères aléatoires au moins en production.`);
  } else if (!jwtSecret) {
    jwtSecret = developmentSecret(dataDir);
  }
  const s3Parts = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (s3Parts.some(Boolean) && !s3Parts.every(Boolean)) {
    throw new ConfigError('Stockage S3 incomplet : S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY vont ensemble.');
  }
  const firstAdmin = readFirstAdmin(e.ADMIN_EMAIL, e.ADMIN_PASSWORD, e.NODE_ENV === 'production');
  const providerSettings = readProviderSettings(e);
  if (!providerSettings.ok) throw new ConfigError(providerSettings.message);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    syncStateCacheEntries: e.SYNC_STATE_CACHE_ENTRIES,
    dataDir,
    jwtSecret: jwtSecret!,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimit: e.BODY_LIMIT,
    syncPageRows: e.SYNC_PAGE_ROWS,
    logLevel: e.LOG_LEVEL,
    s3: e.S3_ENDPOINT
      ? { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET!, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY! }
      : null,
    publicUrl: providerSettings.publicUrl,
    providers: providerSettings.providers,
    firstAdmin,
  };
}

function readFirstAdmin(email: string | undefined, password: string | undefined, production: boolean): Config['firstAdmin'] {
  const address = email?.trim().toLowerCase() ?? '';
  if (!address && !password) return null;
  if (!address || !password) throw new ConfigError('ADMIN_EMAIL et ADMIN_PASSWORD vont ensemble : donnez les deux pour créer le premier administrateur.');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 254) throw new ConfigError('ADMIN_EMAIL doit être une adresse e-mail valide.');
  const minimum = production ? 12 : 8;
  if (password.length < minimum || password.length > 256) throw new ConfigError(`ADMIN_PASSWORD doit compter de ${minimum} à 256 caractères${production ? ' en production' : ''}.`);
  return { email: address, password };
}
