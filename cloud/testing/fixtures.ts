/**
 * Test fixtures written the way the hub writes: a workshop with its owner (and optional members)
 * created through the server-write helper (ctx.services.serverWrites), plus access tokens for them.
 */
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { signAccessToken } from '../auth/tokens.js';
import { createWorkshopRows } from '../auth/workshopRows.js';
import { linkMemberToUser } from '../auth/teamSql.js';
import { newId } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';

export interface FixtureMember {
  userId: string;
  memberId: string;
  role: Role;
  token: string;
}

export interface FixtureWorkshop {
  workshopId: string;
  owner: FixtureMember;
  addMember(role: Role, name?: string): Promise<FixtureMember>;
  tokenFor(member: FixtureMember, ttlSeconds?: number): string;
}

let phoneCounter = 0;

async function createUser(ctx: CloudContext, name: string): Promise<{ userId: string; phone: string }> {
  const userId = newId();
  phoneCounter += 1;
  const phone = `+22901${String(Date.now() % 1_000_000).padStart(6, '0')}${String(phoneCounter % 100).padStart(2, '0')}`;
  await ctx.db.system((tx) =>
    tx.execute(sql`INSERT INTO users (id, name, phone, password_hash) VALUES (${userId}, ${name}, ${phone}, 'fixture-no-login')`),
  );
  return { userId, phone };
}

export async function createFixtureWorkshop(ctx: CloudContext, name = 'Atelier test'): Promise<FixtureWorkshop> {
  const workshopId = newId();
  const sign = (m: { userId: string; memberId: string }, ttl = 3600) =>
    signAccessToken(ctx.config.jwtSecret, { userId: m.userId, workshopId, memberId: m.memberId }, ttl, ctx.now());

  const addMember = async (role: Role, memberName = `Membre ${role}`): Promise<FixtureMember> => {
    const { userId } = await createUser(ctx, memberName);
    const memberId = newId();
    await ctx.db.withWorkshop(workshopId, (tx) =>
      ctx.services.serverWrites.inWorkshop(tx, workshopId, async (writes) => {
        await writes.write('members', memberId, { name: memberName, phone: null, role, deletedAt: null });
        await linkMemberToUser(tx, memberId, userId);
      }),
    );
    return { userId, memberId, role, token: sign({ userId, memberId }) };
  };

  // The workshop and its owner, written exactly as signup writes them.
  const { userId: ownerUserId, phone } = await createUser(ctx, 'Propriétaire');
  const ownerMemberId = newId();
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    await createWorkshopRows(
      ctx.services.serverWrites,
      tx,
      { workshopId, workshopName: name, phone, owner: { userId: ownerUserId, memberId: ownerMemberId, name: 'Propriétaire' } },
      ctx.now(),
    );
    await ctx.services.billing.startTrial(tx, workshopId, ctx.now());
  });
  const owner: FixtureMember = { userId: ownerUserId, memberId: ownerMemberId, role: 'owner', token: sign({ userId: ownerUserId, memberId: ownerMemberId }) };
  return { workshopId, owner, addMember, tokenFor: (m, ttl) => sign(m, ttl) };
}
