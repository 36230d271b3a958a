import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { beninPhone, e164, errorOf, sessionOf, startAuthServer, type AuthTestServer, type Reply } from './authTesting.js';
import { devicesResponse, inviteResponse, memberResponse, membersResponse, type SessionResponse } from './schemas.js';

let server: AuthTestServer;
let owner: SessionResponse;
let other: SessionResponse;
const STAFF_PHONE = beninPhone(20);

const invite = (token: string, body: Record<string, unknown>) => server.call('POST', '/api/invites', body, token);
const accept = (body: Record<string, unknown>) => server.call('POST', '/api/invites/accept', body);
const inviteOf = (reply: Reply) => {
  expect(reply.status).toBe(201);
  return inviteResponse.parse(reply.body);
};
const listMembers = async (token: string) => membersResponse.parse((await server.call('GET', '/api/members', undefined, token)).body);
const sync = (token: string, deviceId = randomUUID()) => server.call('POST', '/api/sync', { protocol: 1, deviceId, cursor: '0', mutations: [] }, token);

beforeAll(async () => {
  server = await startAuthServer();
  owner = sessionOf(await server.signup({ phone: beninPhone(1), workshopName: 'Atelier Un' }));
  other = sessionOf(await server.signup({ phone: beninPhone(2), workshopName: 'Atelier Deux' }));
});
afterAll(async () => {
  await server.close();
});

describe('invitations, roles and revocation', () => {
  let staff: SessionResponse;

  it('invite → accept: the invitee gets an account and becomes a staff member', async () => {
    const created = inviteOf(await invite(owner.accessToken, { phone: STAFF_PHONE, name: 'Rachidi', role: 'staff' }));
    expect(created.code).toMatch(/^\d{6}$/);
    const listed = await listMembers(owner.accessToken);
    expect(listed.invites).toEqual([expect.objectContaining({ id: created.inviteId, phone: e164(STAFF_PHONE), role: 'staff' })]);

    const wrongCode = await accept({ code: created.code === '000000' ? '111111' : '000000', phone: STAFF_PHONE, password: 'rachidi-2026' });
    expect(wrongCode.status).toBe(400);
    expect(errorOf(wrongCode).code).toBe('invalid_code');
    const weak = await accept({ code: created.code, phone: STAFF_PHONE, password: 'court' });
    expect(weak.status).toBe(400);
    expect(errorOf(weak).code).toBe('invalid_input');

    staff = sessionOf(await accept({ code: created.code, phone: `+229 ${STAFF_PHONE}`, password: 'rachidi-2026', name: 'Rachidi Adé' }));
    expect(staff.workshop).toEqual(owner.workshop);
    expect(staff.member.role).toBe('staff');
    expect(staff.user).toMatchObject({ name: 'Rachidi Adé', phone: e164(STAFF_PHONE) });
    expect(errorOf(await accept({ code: created.code, phone: STAFF_PHONE, password: 'rachidi-2026' })).code).toBe('invalid_code');

    const login = sessionOf(await server.call('POST', '/api/auth/login', { identifier: STAFF_PHONE, password: 'rachidi-2026' }));
    expect(login.member).toEqual({ id: staff.member.id, role: 'staff' });
    const after = await listMembers(owner.accessToken);
    expect(after.invites).toEqual([]);
    expect(after.members.map((m) => [m.name, m.role, m.hasAccount])).toEqual([
      ['Grâce Houngbédji', 'owner', true],
      ['Rachidi', 'staff', true],
    ]);
    // The new member reaches the devices by sync.
    const changes = (await sync(owner.accessToken)).body as { changes: { table: string; rowId: string }[] };
    expect(changes.changes.some((c) => c.table === 'members' && c.rowId === staff.member.id)).toBe(true);
  });

  it('refuses an invitation for someone already a member', async () => {
    const reply = await invite(owner.accessToken, { phone: STAFF_PHONE, name: 'Rachidi', role: 'viewer' });
    expect(reply.status).toBe(409);
    expect(errorOf(reply).code).toBe('already_member');
    expect((await invite(owner.accessToken, { phone: beninPhone(30), name: 'X', role: 'owner' })).status).toBe(400);
  });

  it('staff calling owner endpoints → 403', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/members', undefined],
      ['GET', '/api/devices', undefined],
      ['POST', '/api/invites', { phone: beninPhone(31), name: 'Y', role: 'viewer' }],
      ['PATCH', `/api/members/${owner.member.id}`, { role: 'staff' }],
      ['DELETE', `/api/members/${owner.member.id}`, undefined],
    ] as const) {
      const reply = await server.call(method, path, body, staff.accessToken);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(errorOf(reply).code).toBe('forbidden');
    }
  });

  it('the owner changes a role; the workshop never loses its last owner', async () => {
    const changed = await server.call('PATCH', `/api/members/${staff.member.id}`, { role: 'viewer' }, owner.accessToken);
    expect(changed.status).toBe(200);
    expect(memberResponse.parse(changed.body)).toMatchObject({ id: staff.member.id, role: 'viewer', hasAccount: true });
    const relogin = sessionOf(await server.call('POST', '/api/auth/login', { identifier: STAFF_PHONE, password: 'rachidi-2026' }));
    expect(relogin.member.role).toBe('viewer');
    expect((await server.call('PATCH', `/api/members/${staff.member.id}`, { role: 'staff' }, owner.accessToken)).status).toBe(200);

    const demoteSelf = await server.call('PATCH', `/api/members/${owner.member.id}`, { role: 'staff' }, owner.accessToken);
    expect(demoteSelf.status).toBe(409);
    expect(errorOf(demoteSelf).code).toBe('last_owner');
    const removeSelf = await server.call('DELETE', `/api/members/${owner.member.id}`, undefined, owner.accessToken);
    expect(removeSelf.status).toBe(409);
  });

  it('another workshop’s member id → 404, and nothing changes', async () => {
    for (const [method, body] of [['PATCH', { role: 'viewer' }], ['DELETE', undefined]] as const) {
      const reply = await server.call(method, `/api/members/${staff.member.id}`, body, other.accessToken);
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('not_found');
    }
    expect((await server.call('DELETE', `/api/members/${randomUUID()}`, undefined, owner.accessToken)).status).toBe(404);
    expect((await listMembers(owner.accessToken)).members.find((m) => m.id === staff.member.id)?.role).toBe('staff');
  });

  it('devices: registered with a code; another workshop’s device id → 409; the owner lists them', async () => {
    const deviceId = randomUUID();
    // The owner's first sync (above) registered code A.
    const registered = await server.call('POST', '/api/devices', { deviceId, name: 'Téléphone de Rachidi' }, staff.accessToken);
    expect(registered.body).toEqual({ code: 'B', name: 'Téléphone de Rachidi' });
    const again = await server.call('POST', '/api/devices', { deviceId, name: 'Téléphone de Rachidi' }, staff.accessToken);
    expect(again.body).toEqual({ code: 'B', name: 'Téléphone de Rachidi' });
    expect((await server.call('POST', '/api/devices', { deviceId: randomUUID(), name: 'PC' }, owner.accessToken)).body).toMatchObject({ code: 'C' });
    const foreign = await server.call('POST', '/api/devices', { deviceId, name: 'Volé' }, other.accessToken);
    expect(foreign.status).toBe(409);
    expect(errorOf(foreign).code).toBe('device_conflict');

    const listed = devicesResponse.parse((await server.call('GET', '/api/devices', undefined, owner.accessToken)).body);
    expect(listed.devices.map((d) => [d.code, d.name, d.memberName, d.revoked])).toEqual([
      ['A', 'Appareil', 'Grâce Houngbédji', false],
      ['B', 'Téléphone de Rachidi', 'Rachidi', false],
      ['C', 'PC', 'Grâce Houngbédji', false],
    ]);
    expect(devicesResponse.parse((await server.call('GET', '/api/devices', undefined, other.accessToken)).body).devices).toEqual([]);
  });

  it('revocation: sessions revoked, every request of the member answered 403 access_revoked', async () => {
    const removed = await server.call('DELETE', `/api/members/${staff.member.id}`, undefined, owner.accessToken);
    expect(removed.status).toBe(204);

    const refresh = await server.call('POST', '/api/auth/refresh', { refreshToken: staff.refreshToken });
    expect(refresh.status).toBe(403);
    expect(errorOf(refresh).code).toBe('access_revoked');
    // The access token is still valid as a JWT, but the member is gone.
    const device = await server.call('POST', '/api/devices', { deviceId: randomUUID(), name: 'Autre' }, staff.accessToken);
    expect(device.status).toBe(403);
    expect(errorOf(device).code).toBe('access_revoked');
    const synced = await sync(staff.accessToken);
    expect(synced.status).toBe(403);
    expect(errorOf(synced).code).toBe('access_revoked');
    const login = await server.call('POST', '/api/auth/login', { identifier: STAFF_PHONE, password: 'rachidi-2026' });
    expect(login.status).toBe(403);
    expect(errorOf(login).code).toBe('no_membership');

    // The devices the member used stay: a shop PC is shared by the team.
    const listed = devicesResponse.parse((await server.call('GET', '/api/devices', undefined, owner.accessToken)).body);
    expect(listed.devices.map((d) => [d.code, d.revoked])).toEqual([['A', false], ['B', false], ['C', false]]);
    expect((await listMembers(owner.accessToken)).members.map((m) => m.id)).toEqual([owner.member.id]);
    const [logged] = await server.ctx.db.withWorkshop(owner.workshop.id, (tx) =>
      rows<{ fields: Record<string, unknown> }>(tx, sql`SELECT fields FROM change_log WHERE row_id = ${staff.member.id} ORDER BY seq DESC LIMIT 1`),
    );
    expect(logged?.fields.deletedAt).toEqual(expect.any(String));
  });

  it('the owner removes a lost device: its next sync is told to lock and wipe, the others go on', async () => {
    const listed = devicesResponse.parse((await server.call('GET', '/api/devices', undefined, owner.accessToken)).body);
    const lost = listed.devices.find((d) => d.code === 'B')!;
    expect((await server.call('DELETE', `/api/devices/${lost.id}`, undefined, owner.accessToken)).status).toBe(204);
    expect((await server.call('DELETE', `/api/devices/${lost.id}`, undefined, owner.accessToken)).status).toBe(404);
    const again = await server.call('POST', '/api/devices', { deviceId: lost.id, name: lost.name }, owner.accessToken);
    expect(errorOf(again).code).toBe('access_revoked');
    const relisted = devicesResponse.parse((await server.call('GET', '/api/devices', undefined, owner.accessToken)).body);
    expect(relisted.devices.map((d) => [d.code, d.revoked])).toEqual([['A', false], ['B', true], ['C', false]]);
    expect((await server.call('DELETE', `/api/devices/${randomUUID()}`, undefined, owner.accessToken)).status).toBe(404);
  });

  it('an existing account joins a second workshop with its password; login picks the latest or the one asked', async () => {
    const created = inviteOf(await invite(other.accessToken, { phone: beninPhone(1), name: 'Grâce', role: 'viewer' }));
    const wrong = await accept({ code: created.code, phone: beninPhone(1), password: 'pas-le-bon-mdp' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('invalid_credentials');
    const joined = sessionOf(await accept({ code: created.code, phone: beninPhone(1), password: 'motdepasse-solide' }));
    expect(joined.user.id).toBe(owner.user.id);
    expect(joined.workshop.id).toBe(other.workshop.id);
    expect(joined.member.role).toBe('viewer');

    const latest = sessionOf(await server.call('POST', '/api/auth/login', { identifier: beninPhone(1), password: 'motdepasse-solide' }));
    expect(latest.workshop.id).toBe(other.workshop.id);
    const asked = sessionOf(
      await server.call('POST', '/api/auth/login', { identifier: beninPhone(1), password: 'motdepasse-solide', workshopId: owner.workshop.id }),
    );
    expect(asked.workshop.id).toBe(owner.workshop.id);
    expect(asked.member).toEqual(owner.member);
    const notMine = await server.call('POST', '/api/auth/login', { identifier: beninPhone(1), password: 'motdepasse-solide', workshopId: randomUUID() });
    expect(errorOf(notMine).code).toBe('no_membership');
  });

  it('5 wrong codes burn the invitation', async () => {
    const created = inviteOf(await invite(owner.accessToken, { phone: beninPhone(40), name: 'Sika', role: 'viewer' }));
    const wrongCode = created.code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i += 1) expect(errorOf(await accept({ code: wrongCode, phone: beninPhone(40), password: 'sika-2026-ok' })).code).toBe('invalid_code');
    const right = await accept({ code: created.code, phone: beninPhone(40), password: 'sika-2026-ok' });
    expect(right.status).toBe(400);
    expect(errorOf(right).code).toBe('invalid_code');
    expect((await listMembers(owner.accessToken)).invites).toEqual([]);
  });
});
