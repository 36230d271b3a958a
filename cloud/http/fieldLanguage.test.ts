/**
 * A field message answers in the request's language: the schemas' messages are keys of the
 * engine catalogue (shared/i18n/fr.ts, en.ts), put into words per request by `parseInput`, so the
 * same schema says French to a French request (the default) and English to `Accept-Language: en`.
 * Against a real server: the files area's hash (its own schema), an order's history (the domain's
 * id schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { addMember, type TestMember } from '../files/testkit.js';

let server: TestServer;
let owner: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  owner = await addMember(server.ctx, 'owner');
});

afterAll(async () => {
  await server?.close();
});

async function refusal(path: string, language?: string): Promise<{ status: number; code: string; message: string; field?: string }> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${owner.token}`, ...(language ? { 'accept-language': language } : {}) },
  });
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return { status: res.status, ...body.error };
}

describe('field messages in the request’s language', () => {
  it('a photo hash that is not one: French by default, English when asked', async () => {
    const fr = await refusal('/api/files/not-a-hash/status');
    expect(fr).toMatchObject({ status: 400, code: 'invalid_input', field: 'hash' });
    expect(fr.message).toBe('Empreinte du fichier : empreinte SHA-256 attendue (64 caractères hexadécimaux)');

    const en = await refusal('/api/files/not-a-hash/status', 'en-GB,en;q=0.9');
    expect(en).toMatchObject({ status: 400, code: 'invalid_input', field: 'hash' });
    expect(en.message).toBe('File hash: SHA-256 fingerprint expected (64 hexadecimal characters)');
  });

  it('an order id that is not one (the domain’s idSchema)', async () => {
    const fr = await refusal('/api/orders/42/history', 'fr-FR');
    expect(fr).toMatchObject({ status: 400, code: 'invalid_input', field: 'orderId', message: 'Commande : Identifiant invalide' });
    const en = await refusal('/api/orders/42/history', 'en');
    expect(en).toMatchObject({ status: 400, code: 'invalid_input', field: 'orderId', message: 'Order: Invalid identifier' });
  });
});
