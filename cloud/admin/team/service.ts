/**
 * The admins' management (DESIGN "Admin portal"). A superadmin invites an admin: the account is
 * created without a password, with the sha256 of a random token valid ADMIN_INVITE_MS; the link
 * goes back in the answer and by e-mail. Opening it and choosing a password accepts it; the new
 * admin then signs in and enrols TOTP like any first sign-in (signIn.ts). A superadmin removes an
 * admin: the account is marked removed and its sessions revoked in the same transaction, so its
 * next request is refused. Nobody removes themselves, and the last superadmin stays. Every change
 * is audited in its own transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CloudContext } from '../../context.js';
import type { AdminCaller } from '../../http/guards.js';
import { hashPassword } from '../../auth/passwords.js';
import { text, type Locale } from '../../../shared/i18n/texts.js';
import { ADMIN_INVITE_MS, type AdminRole } from '../../../shared/admin/rules.js';
import { insertAdmin } from '../adminsSql.js';
import { writeAudit } from '../auditSql.js';
import { revokeAdminSessions } from '../sessionsSql.js';
import { sha256 } from '../signIn.js';
import { adminError } from '../texts.js';
import type { TeamAdmin } from './schemas.js';
import { acceptInvitation, adminToRemove, invitationByHash, listAdmins, lockSuperadmins, markRemoved, teamAdmin, type Invitation } from './teamSql.js';
import { invitationMailTexts, teamError } from './texts.js';

type Caller = Pick<AdminCaller, 'adminId' | 'email' | 'name' | 'ip'>;

/** Where the portal opens an invitation. */
export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/#/invitation/${token}`;
}

export class TeamService {
  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'now' | 'config' | 'services' | 'logger'>) {}

  list(): Promise<TeamAdmin[]> {
    return this.ctx.db.system((tx) => listAdmins(tx));
  }

  async invite(fields: { email: string; name: string; role: AdminRole; reason: string }, caller: Caller, locale: Locale): Promise<{ admin: TeamAdmin; inviteUrl: string; emailSent: boolean }> {
    const now = this.ctx.now();
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + ADMIN_INVITE_MS).toISOString();
    const admin = await this.ctx.db.system(async (tx) => {
      const created = await insertAdmin(
        tx,
        { id, email: fields.email, name: fields.name, role: fields.role, passwordHash: null, invitedBy: caller.adminId, inviteTokenHash: sha256(token), inviteExpiresAt: expiresAt },
        now,
      );
      if (!created) throw teamError('admin_exists', locale);
      await writeAudit(
        tx,
        {
          admin: { id: caller.adminId, email: caller.email },
          action: 'admin.invite',
          target: { type: 'admin', id },
          reason: fields.reason,
          after: { email: fields.email.toLowerCase(), name: fields.name, role: fields.role },
          detail: { expiresAt },
          ip: caller.ip,
        },
        now,
      );
      return (await teamAdmin(tx, id))!;
    });
    const inviteUrl = invitationUrl(this.ctx.config.publicUrl, token);
    return { admin, inviteUrl, emailSent: await this.mail(admin, caller.name, inviteUrl, expiresAt) };
  }

  /** Sends the invitation (French: the invited person's language is not known yet); false when it could not go. */
  private async mail(admin: TeamAdmin, inviter: string, url: string, expiresAt: string): Promise<boolean> {
    const params = { name: admin.name, inviter, role: text(invitationMailTexts, 'fr', admin.role), url, expires: expiresAt.slice(0, 16).replace('T', ' ') };
    try {
      const sent = await this.ctx.services.providers.email.send({
        to: admin.email,
        subject: text(invitationMailTexts, 'fr', 'subject'),
        text: text(invitationMailTexts, 'fr', 'body', params),
        reference: `admin-invite:${admin.id}`,
      });
      if (sent.status === 'failed') this.ctx.logger.warn({ adminId: admin.id, code: sent.code }, 'admin invitation e-mail failed');
      return sent.status !== 'failed';
    } catch (error) {
      this.ctx.logger.warn({ adminId: admin.id, err: error }, 'admin invitation e-mail failed');
      return false;
    }
  }

  /** A pending invitation that is still valid: 404 when unknown or used, 410 when expired. */
  async invitation(token: string, locale: Locale): Promise<Invitation> {
    const found = await this.ctx.db.system((tx) => invitationByHash(tx, sha256(token)));
    return this.valid(found, locale);
  }

  private valid(found: Invitation | null, locale: Locale): Invitation {
    if (!found) throw teamError('invitation_not_found', locale);
    if (Date.parse(found.expiresAt) <= this.ctx.now().getTime()) throw teamError('invitation_expired', locale);
    return found;
  }

  /** Sets the password and uses the invitation up (once, even when sent twice at once). */
  async accept(token: string, password: string, ip: string | null, locale: Locale): Promise<void> {
    await this.invitation(token, locale);
    const passwordHash = await hashPassword(password);
    const now = this.ctx.now();
    await this.ctx.db.system(async (tx) => {
      const found = this.valid(await invitationByHash(tx, sha256(token), { forUpdate: true }), locale);
      await acceptInvitation(tx, found.id, passwordHash);
      await writeAudit(tx, { admin: { id: found.id, email: found.email }, action: 'admin.invite_accepted', target: { type: 'admin', id: found.id }, ip }, now);
    });
  }

  /** Removes an admin (not oneself, not the last superadmin) and ends its sessions at once. */
  async remove(id: string, reason: string, caller: Caller, locale: Locale): Promise<void> {
    if (id === caller.adminId) throw teamError('cannot_remove_self', locale);
    const now = this.ctx.now();
    await this.ctx.db.system(async (tx) => {
      const superadmins = await lockSuperadmins(tx);
      const target = await adminToRemove(tx, id);
      if (!target) throw teamError('admin_not_found', locale);
      if (target.role === 'superadmin' && !superadmins.some((s) => s.id !== id && !s.pending)) throw teamError('last_superadmin', locale);
      // Removed (or no longer a superadmin) since its request was let in: nothing done in its name.
      if (!superadmins.some((s) => s.id === caller.adminId)) throw adminError('admin_session_expired', locale);
      await markRemoved(tx, id, now);
      await revokeAdminSessions(tx, id, now);
      await writeAudit(
        tx,
        {
          admin: { id: caller.adminId, email: caller.email },
          action: 'admin.remove',
          target: { type: 'admin', id },
          reason,
          before: { email: target.email, name: target.name, role: target.role, pending: target.pending },
          after: { removedAt: now.toISOString() },
          ip: caller.ip,
        },
        now,
      );
    });
  }
}
