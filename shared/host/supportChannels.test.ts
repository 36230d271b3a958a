/**
 * The host's support channel under Node, against a real cloud: the owner allows, reads and
 * withdraws the permission through CloudApi; a staff member is refused with the cloud's French
 * text; an unreachable cloud reads as null (the screen then says it needs the internet) while
 * allowing fails with the offline message; an answer of the wrong shape is never shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../cloud/testing/fixtures.js';
import { SUPPORT_GRANT_MS } from '../admin/rules.js';
import { CloudApi } from './cloudApi.js';
import { readSupportAccess, SupportChannels } from './supportChannels.js';

const clock = new Date('2036-03-02T09:00:00Z');
let server: TestServer;
let shop: FixtureWorkshop;

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await createFixtureWorkshop(server.ctx);
});
afterAll(() => server.close());

const channels = (baseUrl: string, accessToken: string) => new SupportChannels(() => new CloudApi(baseUrl, fetch, { accessToken, refreshToken: 'unused' }, async () => {}));

describe('the host’s support channel', () => {
  it('allows, reads and withdraws the owner’s permission', async () => {
    const owner = channels(server.url, shop.owner.token);
    expect(await owner.current()).toEqual({ grant: null });
    const allowed = await owner.allow();
    expect(allowed).toEqual({ grant: { grantedAt: clock.toISOString(), expiresAt: new Date(clock.getTime() + SUPPORT_GRANT_MS).toISOString() } });
    expect(await owner.current()).toEqual(allowed);
    expect(await owner.withdraw()).toEqual({ grant: null });
    expect(await owner.current()).toEqual({ grant: null });
  });

  it('refuses a staff member with the cloud’s reason', async () => {
    const staff = await shop.addMember('staff');
    await expect(channels(server.url, staff.token).allow()).rejects.toMatchObject({ status: 403 });
    await expect(channels(server.url, staff.token).current()).rejects.toMatchObject({ status: 403 });
  });

  it('reads null offline, and says so when asked to allow', async () => {
    const offline = channels('http://127.0.0.1:9', shop.owner.token);
    expect(await offline.current()).toBeNull();
    await expect(offline.allow()).rejects.toMatchObject({ code: 'offline' });
  });

  it('takes only a well-formed answer', () => {
    expect(readSupportAccess({ grant: null })).toEqual({ grant: null });
    expect(readSupportAccess({ grant: { grantedAt: '2036-03-02T09:00:00.000Z', expiresAt: '2036-03-03T09:00:00.000Z' } })).not.toBeNull();
    for (const bad of [null, {}, { grant: 'yes' }, { grant: { grantedAt: 1, expiresAt: 2 } }, { grant: { grantedAt: 'demain', expiresAt: '2036-03-03T09:00:00.000Z' } }]) expect(readSupportAccess(bad)).toBeNull();
  });
});
