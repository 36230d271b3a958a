import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { rows } from '../db/client.js';
import { DEFAULT_GARMENT_NAMES, DEFAULT_GARMENT_TYPES } from '../../shared/domain/measurements.js';
import { beninPhone, e164, errorOf, sessionOf, startAuthServer, type AuthTestServer } from './authTesting.js';

let server: AuthTestServer;

beforeAll(async () => {
  server = await startAuthServer();
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/auth/signup', () => {
  it('creates the account, the workshop and the owner, and signs in', async () => {
    const reply = await server.signup({ phone: beninPhone(1), email: 'Grace@Example.BJ' });
    expect(reply.status).toBe(201);
    const session = sessionOf(reply);
    expect(session.user).toMatchObject({ name: 'Grâce Houngbédji', phone: e164(beninPhone(1)), email: 'grace@example.bj' });
    expect(session.workshop.name).toBe('Atelier Grâce Couture');
    expect(session.member.role).toBe('owner');
    expect(session.refreshToken).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    const [stored] = await server.ctx.db.system((tx) => rows<{ password_hash: string }>(tx, sql`SELECT password_hash FROM users WHERE id = ${session.user.id}`));
    expect(stored?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  });

  it('writes the workshop rows through the change log, so a first sync receives them', async () => {
    const session = sessionOf(await server.signup({ phone: beninPhone(2), workshopName: 'Couture Espoir' }));
    const logged = await server.ctx.db.withWorkshop(session.workshop.id, (tx) =>
      rows<{ tbl: string; n: number | string }>(tx, sql`SELECT tbl, count(*) AS n FROM change_log GROUP BY tbl ORDER BY tbl`),
    );
    expect(logged.map((r) => [r.tbl, Number(r.n)])).toEqual([
      ['garment_types', DEFAULT_GARMENT_TYPES.length],
      ['members', 1],
      ['subscription', 1],
      ['workshop', 1],
    ]);
    const [owner] = await server.ctx.db.withWorkshop(session.workshop.id, (tx) =>
      rows<{ user_id: string; role: string }>(tx, sql`SELECT user_id, role FROM members WHERE id = ${session.member.id}`),
    );
    expect(owner).toEqual({ user_id: session.user.id, role: 'owner' });

    const sync = await server.call('POST', '/api/sync', { protocol: 1, deviceId: randomUUID(), cursor: '0', mutations: [] }, session.accessToken);
    expect(sync.status).toBe(200);
    const changes = (sync.body as { changes: { table: string; rowId: string; fields: Record<string, unknown> }[] }).changes;
    const shop = changes.find((c) => c.table === 'workshop');
    expect(shop?.rowId).toBe(session.workshop.id);
    expect(shop?.fields).toMatchObject({ name: 'Couture Espoir', currency: 'XOF', timezone: 'Africa/Porto-Novo', workingDays: [1, 2, 3, 4, 5, 6], capacity: 15 });
    expect(changes.filter((c) => c.table === 'garment_types')).toHaveLength(DEFAULT_GARMENT_TYPES.length);
    expect(changes.find((c) => c.table === 'members')?.fields).toMatchObject({ role: 'owner', phone: e164(beninPhone(2)) });
  });

  it('refuses a phone number or an e-mail that already has an account (in any form)', async () => {
    await server.signup({ phone: beninPhone(3), email: 'awa@example.bj' });
    const samePhone = await server.signup({ phone: `+229 ${beninPhone(3)}` });
    expect(samePhone.status).toBe(409);
    expect(errorOf(samePhone).code).toBe('phone_taken');
    expect(errorOf(samePhone).message).toMatch(/numéro de téléphone a déjà un compte/);
    const sameEmail = await server.signup({ phone: beninPhone(4), email: 'AWA@example.bj' });
    expect(sameEmail.status).toBe(409);
    expect(errorOf(sameEmail).code).toBe('email_taken');
  });

  it('refuses a weak password, an invalid phone number and unknown fields with French messages', async () => {
    const weak = await server.signup({ phone: beninPhone(5), password: 'court' });
    expect(weak.status).toBe(400);
    expect(errorOf(weak).code).toBe('invalid_input');
    expect(errorOf(weak).message).toMatch(/au moins 8 caractères/);
    const oldNumber = await server.signup({ phone: '97 00 00 00' });
    expect(oldNumber.status).toBe(400);
    expect(errorOf(oldNumber).message).toMatch(/Téléphone.*invalide/);
    const extra = await server.call('POST', '/api/auth/signup', { workshopName: 'A', ownerName: 'B', phone: beninPhone(6), password: 'motdepasse', admin: true });
    expect(extra.status).toBe(400);
  });

  it('names the missing field in the request’s language: English when asked, French by default', async () => {
    const body = { workshopName: '   ', ownerName: 'Grace', phone: beninPhone(8), password: 'motdepasse-solide' };
    const english = await server.call('POST', '/api/auth/signup', body, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.status).toBe(400);
    expect(errorOf(english)).toMatchObject({ code: 'invalid_input', message: 'Workshop name: The workshop name is required' });
    const french = await server.call('POST', '/api/auth/signup', body);
    expect(french.status).toBe(400);
    expect(errorOf(french)).toMatchObject({ code: 'invalid_input', message: 'Nom de l’atelier : Le nom de l’atelier est obligatoire' });
    const shortPassword = await server.call('POST', '/api/auth/signup', { ...body, workshopName: 'Shop', password: 'short' }, undefined, { 'accept-language': 'en' });
    expect(errorOf(shortPassword).message).toBe('Password: The password must have at least 8 characters');
  });

  it('names the default garment types in the signup’s language', async () => {
    const names = async (phone: string, headers?: Record<string, string>) => {
      const reply = await server.call('POST', '/api/auth/signup', { workshopName: 'Shop', ownerName: 'Grace', phone, password: 'motdepasse-solide' }, undefined, headers);
      const session = sessionOf(reply);
      const sync = await server.call('POST', '/api/sync', { protocol: 1, deviceId: randomUUID(), cursor: '0', mutations: [] }, session.accessToken);
      const changes = (sync.body as { changes: { table: string; fields: { name?: string } }[] }).changes;
      return changes.filter((c) => c.table === 'garment_types').map((c) => c.fields.name);
    };
    const english = DEFAULT_GARMENT_TYPES.map((g) => DEFAULT_GARMENT_NAMES.en[g.key]);
    const french = DEFAULT_GARMENT_TYPES.map((g) => DEFAULT_GARMENT_NAMES.fr[g.key]);
    expect(english).not.toEqual(french);
    expect((await names(beninPhone(11), { 'accept-language': 'en' })).sort()).toEqual([...english].sort());
    expect((await names(beninPhone(12))).sort()).toEqual([...french].sort());
  });

  it('answers malformed JSON with 400 invalid_json, never a 5xx', async () => {
    const reply = await server.call('POST', '/api/auth/signup', '{"workshopName": "A",', undefined);
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('invalid_json');
  });
});

describe('POST /api/auth/login', () => {
  const phone = beninPhone(10);
  beforeAll(async () => {
    expect((await server.signup({ phone, email: 'koffi@example.bj', ownerName: 'Koffi' })).status).toBe(201);
  });

  it.each([
    ['national form', phone],
    ['national form without spaces', phone.replace(/\s/g, '')],
    ['international form', `+229 ${phone}`],
    ['international form with 00', `00229${phone.replace(/\s/g, '')}`],
    ['e-mail', 'Koffi@Example.bj'],
  ])('signs in by %s', async (_label, identifier) => {
    const session = sessionOf(await server.call('POST', '/api/auth/login', { identifier, password: 'motdepasse-solide' }));
    expect(session.user.phone).toBe(e164(phone));
    expect(session.member.role).toBe('owner');
    const me = await server.call('GET', '/api/members', undefined, session.accessToken);
    expect(me.status).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await server.call('POST', '/api/auth/login', { identifier: phone, password: 'pas-le-bon' });
    const unknown = await server.call('POST', '/api/auth/login', { identifier: beninPhone(999), password: 'pas-le-bon' });
    const nonsense = await server.call('POST', '/api/auth/login', { identifier: 'n’importe quoi', password: 'pas-le-bon' });
    for (const reply of [wrong, unknown, nonsense]) {
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toEqual({ code: 'invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' });
    }
  });

  it('answers in English when asked', async () => {
    const reply = await server.call('POST', '/api/auth/login', { identifier: phone, password: 'nope-nope' }, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(errorOf(reply).message).toBe('Wrong identifier or password.');
  });
});

describe('OpenAPI', () => {
  it('documents every accounts endpoint', async () => {
    const reply = await server.call('GET', '/api/openapi.json');
    const paths = Object.keys((reply.body as { paths: Record<string, unknown> }).paths);
    for (const path of ['/auth/signup', '/auth/login', '/auth/refresh', '/auth/logout', '/members', '/members/{id}', '/invites', '/invites/accept', '/devices']) {
      expect(paths).toContain(path);
    }
  });

  it('describes what the server validates: ids as uuid, the phone pattern, lengths', async () => {
    type Schema = { properties: Record<string, { format?: string; pattern?: string; minLength?: number; maxLength?: number }> };
    const doc = (await server.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { name: string; schema: { format?: string } }[] }>>;
    };
    const body = (path: string) => doc.paths[path]!.post!.requestBody!.content['application/json']!.schema.properties;
    const signup = body('/auth/signup');
    expect(signup.workshopName).toMatchObject({ minLength: 1, maxLength: 120 });
    expect(signup.password).toMatchObject({ minLength: 8, maxLength: 256 });
    expect(signup.phone).toMatchObject({ maxLength: 40, pattern: expect.any(String) });
    expect(body('/auth/login').workshopId?.format).toBe('uuid');
    expect(body('/devices').deviceId?.format).toBe('uuid');
    expect(body('/invites').phone?.pattern).toBe(signup.phone?.pattern);
    expect(doc.paths['/members/{id}']!.patch!.parameters!.find((p) => p.name === 'id')?.schema.format).toBe('uuid');
    expect(doc.paths['/devices/{id}']!.delete!.parameters!.find((p) => p.name === 'id')?.schema.format).toBe('uuid');

    // Forms of one number the server takes (the first signs up, the others are that number again)
    // all match the documented pattern; a letter O for a zero does not, and is refused.
    const pattern = new RegExp(signup.phone!.pattern!);
    const [first, ...others] = [beninPhone(7), '+229 01 97 00 00 07', '00229 0197000007', '(+229) 01.97.00.00.07', '01-97-00-00-07'];
    expect((await server.signup({ phone: first })).status).toBe(201);
    for (const typed of [first!, ...others]) expect(pattern.test(typed), typed).toBe(true);
    for (const typed of others) expect(errorOf(await server.signup({ phone: typed })).code, typed).toBe('phone_taken');
    expect(pattern.test('01 97 OO 00 07')).toBe(false);
    expect((await server.signup({ phone: '01 97 OO 00 07' })).status).toBe(400);
  });
});
