/**
 * The rules of a workshop's team. The owner (checked by the routes' guard) lists the members,
 * changes a role, removes a member, and invites someone by phone number with a 6-digit code to
 * pass on; the invitee creates an account, or proves an existing one with its password, and
 * becomes a member.
 *
 * Member rows are written by the server-write helper, so every device learns the change by sync;
 * the workshop always keeps an owner (checked under the workshop's write lock, so two owners
 * demoting each other cannot both pass); a removed member's sessions are revoked at once, and
 * their next request, on any device, is answered 403 access_revoked.
 *
 * Invitation codes are stored as an HMAC keyed with the server secret (a bare hash of 6 digits
 * would be reversed in a second); 5 wrong codes burn the invitation; it expires after 7 days.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { CloudContext } from '../context.js';
import type { Caller } from '../http/route.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import { parseInput } from '../../shared/domain/validation.js';
import { newId } from '../../shared/domain/ids.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import type { Locale } from '../../shared/i18n/index.js';
import { conflictOf, type AccountService, type Asker } from './accountService.js';
import { findUser, insertUser, uniqueViolation } from './accountsSql.js';
import { loginKeys, takeAttempt, type AuthLimiters } from './loginLimits.js';
import { hashPassword, passwordSchema } from './passwords.js';
import { revokeMemberTokens } from './refreshTokens.js';
import type { AcceptInviteBody, InviteBody, InviteResponse, MemberResponse, MembersResponse, SessionResponse } from './schemas.js';
import {
  activeOwners,
  expireInvitesFor,
  giveBackAttempt,
  hasAccount,
  insertInvite,
  linkMemberToUser,
  liveMembers,
  liveMemberWith,
  lockInvite,
  markInviteAccepted,
  pendingInvites,
  takeInviteAttempts,
} from './teamSql.js';
import { fail } from './texts.js';
import { assertAcceptedMemberFits, assertMemberSeatAvailable } from '../billing/limitsGuard.js';

export const INVITE_TTL_DAYS = 7;
export const MAX_CODE_ATTEMPTS = 5;

function codeHash(secret: string, inviteId: string, code: string): string {
  return createHmac('sha256', secret).update(`${inviteId}:${code}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export class TeamService {
  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'config' | 'now'>,
    private readonly writer: ServerWriter,
    private readonly accounts: AccountService,
    private readonly limits: AuthLimiters,
  ) {}

  /** The members still in the workshop and the invitations still usable. */
  list(caller: Caller): Promise<MembersResponse> {
    const now = this.ctx.now();
    return this.ctx.db.withWorkshop(caller.workshopId, async (tx) => {
      const members = await liveMembers(tx);
      const invites = await pendingInvites(tx, now, MAX_CODE_ATTEMPTS);
      return {
        members: members.map((m) => ({ id: m.id, name: m.name ?? '', phone: m.phone, role: roleSchema.parse(m.role), hasAccount: m.user_id !== null })),
        invites: invites.map((i) => ({ id: i.id, name: i.name, phone: i.phone, role: roleSchema.parse(i.role), expiresAt: i.expiresAt.toISOString() })),
      };
    });
  }

  changeRole(caller: Caller, memberId: string, role: Role, locale: Locale): Promise<MemberResponse> {
    return this.ctx.db.withWorkshop(caller.workshopId, (tx) =>
      this.writer.inWorkshop(tx, caller.workshopId, async (writes) => {
        // Another workshop's member is not found here (the transaction sees this workshop only).
        const stored = await writes.read('members', memberId);
        if (!stored || stored.fields.deletedAt) throw fail(locale, 'member_not_found');
        const current = roleSchema.parse(stored.fields.role);
        if (current === 'owner' && role !== 'owner' && (await activeOwners(tx)) <= 1) throw fail(locale, 'last_owner');
        if (current !== role) await writes.write('members', memberId, { role });
        const phone = stored.fields.phone;
        return {
          id: memberId,
          name: String(stored.fields.name ?? ''),
          phone: typeof phone === 'string' ? phone : null,
          role,
          hasAccount: await hasAccount(tx, memberId),
        };
      }),
    );
  }

  async remove(caller: Caller, memberId: string, locale: Locale): Promise<void> {
    const now = this.ctx.now();
    await this.ctx.db.withWorkshop(caller.workshopId, (tx) =>
      this.writer.inWorkshop(tx, caller.workshopId, async (writes) => {
        const stored = await writes.read('members', memberId);
        if (!stored || stored.fields.deletedAt) throw fail(locale, 'member_not_found');
        if (memberId === caller.memberId) throw fail(locale, 'cannot_remove_self');
        if (stored.fields.role === 'owner' && (await activeOwners(tx)) <= 1) throw fail(locale, 'last_owner');
        await writes.write('members', memberId, { deletedAt: now.toISOString() });
        await revokeMemberTokens(tx, memberId, now);
        // Their devices are not revoked: a shop PC is shared, and the member's own tokens are
        // refused everywhere already. A lost or stolen device is removed with DELETE /devices/:id.
      }),
    );
  }

  /**
   * A new invitation (replacing any earlier one for the number) and its code. The code goes back
   * to the owner, who passes it on; nothing is sent to the phone yet (the notifications area will).
   */
  async invite(caller: Caller, body: InviteBody, locale: Locale): Promise<InviteResponse> {
    const now = this.ctx.now();
    const inviteId = newId();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
    await this.ctx.db.withWorkshop(caller.workshopId, async (tx) => {
      if (await liveMemberWith(tx, { phone: body.phone })) throw fail(locale, 'already_member');
      await expireInvitesFor(tx, body.phone, now);
      // The plan's members at the hub: seats (members + open invitations) under the subscription's lock.
      await assertMemberSeatAvailable(tx, caller.workshopId, now, locale);
      await insertInvite(tx, {
        id: inviteId,
        workshopId: caller.workshopId,
        phone: body.phone,
        name: body.name,
        role: body.role,
        codeHash: codeHash(this.ctx.config.jwtSecret, inviteId, code),
        createdBy: caller.memberId,
        expiresAt,
        createdAt: now,
      });
    });
    return { inviteId, code, expiresAt: expiresAt.toISOString() };
  }

  /** Accepts an invitation with its code: the invitee becomes a member, and their session opens there. */
  async accept(body: AcceptInviteBody, asker: Asker): Promise<SessionResponse> {
    const { db, config } = this.ctx;
    const { locale } = asker;
    const now = this.ctx.now();
    const ipKey = loginKeys.invite(asker.ip);
    await takeAttempt(this.limits.ip, ipKey, locale);

    // Every usable invitation for this number takes one attempt, before the code is compared.
    const candidates = await db.system((tx) => takeInviteAttempts(tx, body.phone, now, MAX_CODE_ATTEMPTS));
    const invite = candidates.find((c) => sameHex(c.codeHash, codeHash(config.jwtSecret, c.id, body.code)));
    if (!invite) throw fail(locale, 'invalid_code');
    await db.system((tx) => giveBackAttempt(tx, invite.id));
    await this.limits.ip.refund(ipKey);

    const existing = await db.system((tx) => findUser(tx, { kind: 'phone', value: body.phone }));
    let passwordHash: string | undefined;
    if (existing) await this.accounts.checkPassword(existing, body.password, locale);
    else passwordHash = await hashPassword(parseInput(passwordSchema, body.password, locale));
    const user = existing ?? { id: newId(), name: body.name ?? invite.name, phone: body.phone, email: null };
    const role = roleSchema.parse(invite.role);
    const claims = { userId: user.id, workshopId: invite.workshopId, memberId: newId() };

    try {
      return await db.withWorkshop(invite.workshopId, async (tx) => {
        const fresh = await lockInvite(tx, invite.id);
        if (!fresh || fresh.acceptedAt || fresh.expiresAt.getTime() <= now.getTime()) throw fail(locale, 'invalid_code');
        // Sent before the plan shrank: refused while the members fill the plan (the invitation stays open).
        await assertAcceptedMemberFits(tx, invite.workshopId, locale);
        if (existing) {
          if (await liveMemberWith(tx, { userId: existing.id })) throw fail(locale, 'already_member');
        } else if (passwordHash) {
          await insertUser(tx, { ...user, passwordHash }, now);
        }
        await this.writer.inWorkshop(tx, invite.workshopId, async (writes) => {
          await writes.write('members', claims.memberId, { name: invite.name, phone: invite.phone, role, deletedAt: null });
          await linkMemberToUser(tx, claims.memberId, user.id);
        });
        await markInviteAccepted(tx, invite.id, now);
        return this.accounts.openSession(tx, user, claims, role);
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint !== undefined) throw conflictOf(locale, constraint);
      throw error;
    }
  }
}
