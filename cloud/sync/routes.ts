/**
 * POST /api/sync — one round trip pushes the device's mutations and pulls what changed since its
 * cursor (DESIGN.md, normative). The workshop comes from the token, never from the body.
 */
import type { Router } from 'express';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import { requireAuth, authOf } from '../auth/requireAuth.js';
import { loadMember } from '../auth/membership.js';
import { ensureDevice } from '../auth/devices.js';
import { HttpError, requestLocale } from '../http/errors.js';
import { PROTOCOL_VERSION, syncRequestSchema, syncResponseSchema } from '../../shared/sync/protocol.js';
import { applyPush } from './push.js';
import { pullPage } from './pull.js';

const TEXT = {
  upgrade: { fr: 'Cette version de Styliste est trop ancienne : mettez l’application à jour.', en: 'This version of Styliste is too old: please update the app.' },
  future: { fr: 'Version du protocole inconnue.', en: 'Unknown protocol version.' },
  device: { fr: 'Cet appareil est enregistré dans un autre atelier.', en: 'This device is registered to another workshop.' },
  revokedDevice: { fr: 'Cet appareil a été retiré de l’atelier.', en: 'This device was removed from the workshop.' },
};

const protocolOnly = z.object({ protocol: z.number().int() }).loose();

export function mountSync(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/sync',
      tag: 'sync',
      summary: 'Envoie les modifications de l’appareil et reçoit celles des autres (un aller-retour).',
      auth: 'member',
      body: syncRequestSchema,
      responses: {
        200: { description: 'Accusés, refus, changements et nouveau curseur', schema: syncResponseSchema },
        403: { description: 'access_revoked : verrouiller l’application et effacer les données locales de l’atelier' },
        426: { description: 'upgrade_required : protocole trop ancien, garder la boîte d’envoi' },
      },
    },
    requireAuth(ctx),
    (req, _res, next) => {
      // Before the strict schema: an old client must hear "upgrade", not "invalid".
      const locale = requestLocale(req);
      const version = protocolOnly.safeParse(req.body);
      if (version.success && version.data.protocol < PROTOCOL_VERSION) {
        return next(new HttpError(426, 'upgrade_required', TEXT.upgrade[locale], { minProtocol: PROTOCOL_VERSION }));
      }
      if (version.success && version.data.protocol > PROTOCOL_VERSION) {
        return next(new HttpError(400, 'unsupported_protocol', TEXT.future[locale], { maxProtocol: PROTOCOL_VERSION }));
      }
      next();
    },
    async (req, res, { body }) => {
      const auth = authOf(req);
      const locale = requestLocale(req);
      const now = ctx.now();
      // 1. Push, in its own transaction (row locks, sequences under the workshop's lock).
      const pushed = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
        const member = await loadMember(tx, auth, locale);
        const device = await ensureDevice(tx, { id: body.deviceId, workshopId: auth.workshopId, memberId: member.id, userId: auth.userId }, now);
        if (!device) throw new HttpError(409, 'device_conflict', TEXT.device[locale]);
        if (device.revoked) throw new HttpError(403, 'access_revoked', TEXT.revokedDevice[locale]);
        return applyPush(tx, { workshopId: auth.workshopId, role: member.role, deviceId: device.id, locale, now }, body.mutations);
      });
      // 2. Pull, on one snapshot that includes what was just pushed.
      const page = await ctx.db.readWorkshop(auth.workshopId, (tx) => pullPage(tx, auth.workshopId, body.cursor, ctx.config.syncPageRows, pushed.ownSeqs));
      const response = {
        acked: pushed.acked,
        rejected: pushed.rejected,
        changes: page.changes,
        cursor: page.cursor,
        more: page.more,
        serverTime: now.toISOString(),
        ...(body.cursor === '0' || page.more ? { head: String(page.head) } : {}),
      };
      res.json(response);
    },
  );
}
