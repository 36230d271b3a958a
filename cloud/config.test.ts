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

  it('reads each provider as a group, or none (the development outbox), and PUBLIC_URL', () => {
    const base = { JWT_SECRET: 'x'.repeat(40) };
    const none = loadConfig(base);
    expect(none.providers).toEqual({ africasTalking: null, twilio: null, smtp: null, fedapay: null });
    expect(none.publicUrl).toBe('http://127.0.0.1:8080');
    const all = loadConfig({
      ...base,
      PUBLIC_URL: 'https://styliste.example/',
      AFRICASTALKING_USERNAME: 'atelier',
      AFRICASTALKING_API_KEY: 'at-key',
      AFRICASTALKING_WEBHOOK_TOKEN: 'a-long-random-webhook-token',
      AFRICASTALKING_BASE_URL: 'http://127.0.0.1:4010/',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: 'tw-token',
      TWILIO_WHATSAPP_FROM: '+22990000000',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'Styliste <bonjour@styliste.example>',
      FEDAPAY_SECRET_KEY: 'sk_sandbox_abc',
      FEDAPAY_WEBHOOK_SECRET: 'wh_sandbox_abc',
    });
    expect(all.publicUrl).toBe('https://styliste.example');
    expect(all.providers.africasTalking).toEqual({ username: 'atelier', apiKey: 'at-key', senderId: null, webhookToken: 'a-long-random-webhook-token', baseUrl: 'http://127.0.0.1:4010' });
    expect(all.providers.twilio?.whatsappFrom).toBe('whatsapp:+22990000000');
    expect(all.providers.smtp).toEqual({ url: 'smtp://127.0.0.1:2525', from: 'Styliste <bonjour@styliste.example>' });
    expect(all.providers.fedapay).toEqual({ secretKey: 'sk_sandbox_abc', environment: 'sandbox', webhookSecret: 'wh_sandbox_abc', baseUrl: null });
  });

  it('refuses incomplete provider groups, test-only base URLs in production, and mismatched FedaPay keys', () => {
    const base = { JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...base, AFRICASTALKING_API_KEY: 'k' })).toThrow(/SMS \(Africa’s Talking\) incomplet.*manque : AFRICASTALKING_USERNAME, AFRICASTALKING_WEBHOOK_TOKEN/);
    expect(() => loadConfig({ ...base, TWILIO_ACCOUNT_SID: 'AC0123456789abcdef', TWILIO_AUTH_TOKEN: 't' })).toThrow(/WhatsApp \(Twilio\) incomplet/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/E-mail \(SMTP\) incomplet.*MAIL_FROM/);
    expect(() => loadConfig({ ...base, FEDAPAY_WEBHOOK_SECRET: 'wh' })).toThrow(/Paiements \(FedaPay\) incomplet/);
    expect(() => loadConfig({ ...base, FEDAPAY_BASE_URL: 'http://127.0.0.1:1' })).toThrow(/FEDAPAY_BASE_URL est donné sans/);
    expect(() => loadConfig({ ...base, FEDAPAY_ENVIRONMENT: 'prod' })).toThrow(/FEDAPAY_ENVIRONMENT/);
    expect(() => loadConfig({ ...base, FEDAPAY_SECRET_KEY: 'sk_sandbox_abc', FEDAPAY_WEBHOOK_SECRET: 'wh', FEDAPAY_ENVIRONMENT: 'live' })).toThrow(/ne correspond pas/);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'kR4v9-Xq2mZ8pL1sW7tY3nB6cD0fG5hJ', PUBLIC_URL: 'https://styliste.example' };
    const twilio = { TWILIO_ACCOUNT_SID: 'AC0123456789abcdef', TWILIO_AUTH_TOKEN: 't', TWILIO_WHATSAPP_FROM: 'whatsapp:+22990000000' };
    expect(loadConfig({ ...production, ...twilio }).providers.twilio?.baseUrl).toBeNull();
    expect(() => loadConfig({ ...production, ...twilio, TWILIO_BASE_URL: 'http://127.0.0.1:4011' })).toThrow(/TWILIO_BASE_URL : réservé aux tests.*refusé en production/);
    expect(() => loadConfig({ ...production, ...twilio, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL manquant/);
  });
});
