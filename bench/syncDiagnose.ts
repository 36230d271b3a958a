/**
 * Diagnoses for the sync benchmark's missed targets, measured rather than guessed: the access
 * token's size under leaner encodings, the cost of verifying it with the secret as a string (as
 * the hub does) or as a KeyObject, and a real push batch (500 new clients made by an engine)
 * traced statement by statement.
 */
import { createSecretKey } from 'node:crypto';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken, type AccessClaims } from '../cloud/auth/tokens.js';
import { setupTestWorkshop } from '../desktop/sqlite/testing.js';
import { newId } from '../shared/domain/ids.js';
import type { Mutation } from '../shared/sync/protocol.js';
import type { TraceReport, TracedApp } from './syncQueries.js';

const compactUuid = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');

/** Length of the Authorization header line ("authorization: Bearer …\r\n") for several token shapes. */
export function tokenShapes(secret: string, claims: AccessClaims, ttl: number): { shape: string; headerBytes: number }[] {
  const line = (token: string) => `authorization: Bearer ${token}\r\n`.length;
  const lean = { header: { alg: 'HS256' as const, typ: undefined }, noTimestamp: true, algorithm: 'HS256' as const, expiresIn: ttl };
  return [
    { shape: 'today: {sub, wid, mid, iat, exp} UUID strings, header {alg, typ}', headerBytes: line(signAccessToken(secret, claims, ttl)) },
    { shape: 'no typ, no iat (exp is enough)', headerBytes: line(jwt.sign({ sub: claims.userId, wid: claims.workshopId, mid: claims.memberId }, secret, lean)) },
    {
      shape: '+ UUIDs as 16 bytes base64url (22 chars)',
      headerBytes: line(jwt.sign({ sub: compactUuid(claims.userId), wid: compactUuid(claims.workshopId), mid: compactUuid(claims.memberId) }, secret, lean)),
    },
    { shape: '+ only wid and mid (the hub re-reads the member, whose row names the user)', headerBytes: line(jwt.sign({ wid: compactUuid(claims.workshopId), mid: compactUuid(claims.memberId) }, secret, lean)) },
  ];
}

/** µs per verification: as the hub does (string secret) and with a KeyObject made once. */
export function verifyCost(secret: string, token: string, n = 3000): { stringSecretUs: number; keyObjectUs: number } {
  const key = createSecretKey(Buffer.from(secret));
  const time = (work: () => unknown) => {
    for (let i = 0; i < 200; i += 1) work();
    const t = performance.now();
    for (let i = 0; i < n; i += 1) work();
    return ((performance.now() - t) * 1000) / n;
  };
  return {
    stringSecretUs: time(() => verifyAccessToken(secret, token)),
    keyObjectUs: time(() => jwt.verify(token, key, { algorithms: ['HS256'] })),
  };
}

/** 500 createClient mutations as a real engine writes them (only the clients rows, new ids). */
export async function clientMutations(dir: string, count: number): Promise<Mutation[]> {
  const { engine } = await setupTestWorkshop(join(dir, 'push-source.sqlite'), {});
  for (let i = 0; i < count; i += 1) {
    await engine.execute('createClient', { name: `Client de charge ${i}`, phone: `01${String(97_000_000 + i).padStart(8, '0')}`, notes: i % 10 === 0 ? 'Préfère les coupes ajustées' : null });
  }
  const mutations = (await engine.pendingMutations(count + 100)).filter((m) => m.table === 'clients');
  await engine.close();
  return mutations;
}

/** One push of `mutations` (fresh mutation ids each time) traced statement by statement. */
export async function tracePush(traced: TracedApp, token: string, cursor: string, mutations: Mutation[], times: number): Promise<TraceReport> {
  const deviceId = newId();
  return traced.trace(times, token, () => JSON.stringify({ protocol: 1, deviceId, cursor, mutations: mutations.map((m) => ({ ...m, id: newId(), rowId: newId() })) }));
}
