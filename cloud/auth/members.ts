/**
 * The workshop's members (owner only): GET /api/members, PATCH /api/members/:id (role),
 * DELETE /api/members/:id (revocation). Member rows are written through the hub's write
 * function, so every device learns the change by sync; a removed member's sessions are revoked
 * at once, and their next request, on any device, is answered 403 access_revoked.
 */
import type { Request, Router } from 'express';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { rows, type Tx } from '../db/client.js';
import { invites } from '../db/schema.js';
import { requireAuth, authOf } from './requireAuth.js';
import { loadOwner } from './membership.js';
import { requestLocale } from '../http/errors.js';
import { applyFields, readStoredRow, SeqAllocator, type StoredRow } from '../sync/hubWrite.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import { revokeMemberTokens } from './refreshTokens.js';
import { memberParams, memberResponse, membersResponse, roleBody } from './schemas.js';
import { fail, TEXT } from './texts.js';

async function activeOwners(tx: Tx): Promise<number> {
  const [row] = await rows<{ n: number | string }>(tx, sql`SELECT count(*)::int AS n FROM members WHERE role = 'owner' AND deleted_at IS NULL`);
  return Number(row?.n ?? 0);
}

/** The member as stored (404 if unknown here, including another workshop's id, or already removed). */
async function liveMember(tx: Tx, req: Request, id: string): Promise<StoredRow> {
  const stored = await readStoredRow(tx, 'members', id);
  if (!stored || stored.fields.deletedAt) throw fail(req, 404, 'not_found', TEXT.memberNotFound);
  return stored;
}

async function hasAccount(tx: Tx, id: string): Promise<boolean> {
  const [row] = await rows<{ user_id: string | null }>(tx, sql`SELECT user_id FROM members WHERE id = ${id}`);
  return Boolean(row?.user_id);
}

export function mountMembers(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/members',
      tag: 'members',
      summary: 'Liste les membres de l’atelier et les invitations en attente.',
      auth: 'owner',
      responses: { 200: { description: 'Membres (avec ou sans compte) et invitations en attente', schema: membersResponse } },
    },
    requireAuth(ctx),
    async (req, res) => {
      const auth = authOf(req);
      const now = ctx.now();
      const result = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        await loadOwner(tx, auth, requestLocale(req));
        const list = await rows<{ id: string; name: string | null; phone: string | null; role: string | null; user_id: string | null }>(
          tx,
          sql`SELECT id, name, phone, role, user_id FROM members WHERE deleted_at IS NULL ORDER BY id`,
        );
        const pending = await tx
          .select()
          .from(invites)
          .where(and(isNull(invites.acceptedAt), gt(invites.expiresAt, now), sql`${invites.attempts} < 5`))
          .orderBy(asc(invites.createdAt));
        return {
          members: list.map((m) => ({
            id: m.id,
            name: m.name ?? '',
            phone: m.phone,
            role: roleSchema.parse(m.role),
            hasAccount: m.user_id !== null,
          })),
          invites: pending.map((i) => ({ id: i.id, name: i.name, phone: i.phone, role: roleSchema.parse(i.role), expiresAt: i.expiresAt.toISOString() })),
        };
      });
      res.json(result);
    },
  );

  ctx.api.add(
    router,
    {
      method: 'patch',
      path: '/members/:id',
      tag: 'members',
      summary: 'Change le rôle d’un membre (l’atelier garde toujours un propriétaire).',
      auth: 'owner',
      params: memberParams,
      body: roleBody,
      responses: {
        200: { description: 'Le membre, avec son nouveau rôle', schema: memberResponse },
        404: { description: 'not_found : membre inconnu dans cet atelier' },
        409: { description: 'last_owner : ce serait retirer le dernier propriétaire' },
      },
    },
    requireAuth(ctx),
    async (req, res, { params, body }) => {
      const auth = authOf(req);
      const member = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        await loadOwner(tx, auth, requestLocale(req));
        // The workshop's write lock first: two owners demoting each other cannot both pass the check.
        const seqs = await SeqAllocator.lock(tx, auth.workshopId);
        const stored = await liveMember(tx, req, params.id);
        const current = roleSchema.parse(stored.fields.role);
        if (current === 'owner' && body.role !== 'owner' && (await activeOwners(tx)) <= 1) {
          throw fail(req, 409, 'last_owner', TEXT.lastOwner);
        }
        if (current !== body.role) {
          await applyFields(tx, seqs, 'members', params.id, ctx.clock.now(), { role: body.role }, stored);
          await seqs.flush(tx);
        }
        const role: Role = body.role;
        const phone = stored.fields.phone;
        return {
          id: params.id,
          name: String(stored.fields.name ?? ''),
          phone: typeof phone === 'string' ? phone : null,
          role,
          hasAccount: await hasAccount(tx, params.id),
        };
      });
      res.json(member);
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/members/:id',
      tag: 'members',
      summary: 'Retire un membre : ses sessions et ses appareils sont révoqués immédiatement.',
      auth: 'owner',
      params: memberParams,
      responses: {
        204: { description: 'Membre retiré' },
        404: { description: 'not_found : membre inconnu dans cet atelier' },
        409: { description: 'last_owner, ou cannot_remove_self' },
      },
    },
    requireAuth(ctx),
    async (req, res, { params }) => {
      const auth = authOf(req);
      const now = ctx.now();
      await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        const owner = await loadOwner(tx, auth, requestLocale(req));
        const seqs = await SeqAllocator.lock(tx, auth.workshopId);
        const stored = await liveMember(tx, req, params.id);
        if (params.id === owner.id) throw fail(req, 409, 'cannot_remove_self', TEXT.removeSelf);
        if (stored.fields.role === 'owner' && (await activeOwners(tx)) <= 1) throw fail(req, 409, 'last_owner', TEXT.lastOwner);
        await applyFields(tx, seqs, 'members', params.id, ctx.clock.now(), { deletedAt: now.toISOString() }, stored);
        await seqs.flush(tx);
        await revokeMemberTokens(tx, params.id, now);
        // Their devices are not revoked: a shop PC is shared, and the member's own tokens are
        // refused everywhere already. A lost or stolen device is removed with DELETE /devices/:id.
      });
      res.status(204).end();
    },
  );
}
