/**
 * Devices: POST /api/devices registers the calling device and gives it its code (the prefix of
 * the order numbers it makes offline); GET /api/devices lists the workshop's devices (owner);
 * DELETE /api/devices/:id removes a lost or stolen device: at its next request it is told to lock
 * and wipe the workshop's data.
 */
import type { Router } from 'express';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../shared/domain/fields.js';
import type { CloudContext } from '../context.js';
import { rows } from '../db/client.js';
import { devices } from '../db/schema.js';
import { requireAuth, authOf } from './requireAuth.js';
import { loadMember, loadOwner } from './membership.js';
import { ensureDevice } from './devices.js';
import { requestLocale } from '../http/errors.js';
import { deviceBody, deviceResponse, devicesResponse } from './schemas.js';
import { fail, TEXT } from './texts.js';

export function mountDevices(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/devices',
      tag: 'devices',
      summary: 'Enregistre cet appareil dans l’atelier et renvoie son code (préfixe des numéros de commande).',
      auth: 'member',
      body: deviceBody,
      responses: {
        200: { description: 'L’appareil, avec son code dans l’atelier', schema: deviceResponse },
        403: { description: 'access_revoked : membre retiré, ou appareil retiré de l’atelier' },
        409: { description: 'device_conflict : cet identifiant d’appareil appartient à un autre atelier' },
      },
    },
    requireAuth(ctx),
    async (req, res, { body }) => {
      const auth = authOf(req);
      const device = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        const member = await loadMember(tx, auth, requestLocale(req));
        return ensureDevice(tx, { id: body.deviceId, workshopId: auth.workshopId, memberId: member.id, userId: auth.userId, name: body.name }, ctx.now());
      });
      if (!device) throw fail(req, 409, 'device_conflict', TEXT.deviceConflict);
      // As in sync: a device removed from the workshop (with its member) must lock and wipe.
      if (device.revoked) throw fail(req, 403, 'access_revoked', TEXT.deviceRevoked);
      res.json({ code: device.code, name: device.name });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/devices',
      tag: 'devices',
      summary: 'Liste les appareils de l’atelier.',
      auth: 'owner',
      responses: { 200: { description: 'Appareils, avec le dernier membre qui s’en est servi', schema: devicesResponse } },
    },
    requireAuth(ctx),
    async (req, res) => {
      const auth = authOf(req);
      const list = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        await loadOwner(tx, auth, requestLocale(req));
        const names = new Map(
          (await rows<{ id: string; name: string | null }>(tx, sql`SELECT id, name FROM members`)).map((m) => [m.id, m.name]),
        );
        const found = await tx.select().from(devices).orderBy(asc(devices.createdAt), asc(devices.code));
        return found.map((d) => ({ ...d, memberName: names.get(d.memberId) ?? null }));
      });
      res.json({
        devices: list.map((d) => ({
          id: d.id,
          name: d.name,
          code: d.code,
          memberName: d.memberName,
          lastSeenAt: d.lastSeenAt.toISOString(),
          revoked: d.revokedAt !== null,
        })),
      });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/devices/:id',
      tag: 'devices',
      summary: 'Retire un appareil perdu ou volé : à sa prochaine connexion il verrouille et efface les données.',
      auth: 'owner',
      params: z.strictObject({ id: idSchema }),
      responses: { 204: { description: 'Appareil retiré' }, 404: { description: 'Appareil inconnu dans cet atelier' } },
    },
    requireAuth(ctx),
    async (req, res, { params }) => {
      const auth = authOf(req);
      const removed = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        await loadOwner(tx, auth, requestLocale(req));
        return tx.update(devices).set({ revokedAt: ctx.now() }).where(and(eq(devices.id, params.id), isNull(devices.revokedAt))).returning({ id: devices.id });
      });
      if (removed.length === 0) throw fail(req, 404, 'not_found', TEXT.deviceNotFound);
      res.status(204).end();
    },
  );
}
