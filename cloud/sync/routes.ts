/**
 * POST /api/sync — one round trip pushes the device's mutations and pulls what changed since its
 * cursor (DESIGN.md, normative). The workshop comes from the token, never from the body.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import { revokedMember } from '../http/guards.js';
import { ensureDevice, findDevice, type DeviceRow } from '../auth/devices.js';
import { HttpError, requestLocale } from '../http/errors.js';
import { PROTOCOL_VERSION, syncRequestSchema, syncResponseSchema } from '../../shared/sync/protocol.js';
import { applyPush, type PushOutcome } from './push.js';
import { pullPage, type PullPage } from './pull.js';
import { parseCursor } from '../../shared/sync/cursor.js';
import { sendLeanJson } from '../http/leanJson.js';
import type { Locale } from '../../shared/i18n/index.js';

/** How often an idle device's "last seen" is written (a write on every sync would cost a disk flush). */
const LAST_SEEN_EVERY_MS = 5 * 60_000;

const TEXT = {
  upgrade: { fr: 'Cette version de Styliste est trop ancienne : mettez l’application à jour.', en: 'This version of Styliste is too old: please update the app.' },
  future: { fr: 'Version du protocole inconnue.', en: 'Unknown protocol version.' },
  device: { fr: 'Cet appareil est enregistré dans un autre atelier.', en: 'This device is registered to another workshop.' },
  revokedDevice: { fr: 'Cet appareil a été retiré de l’atelier.', en: 'This device was removed from the workshop.' },
};

const protocolOnly = z.object({ protocol: z.number().int() }).loose();

function checkDevice(device: DeviceRow | null, locale: Locale): asserts device is DeviceRow {
  if (!device) throw new HttpError(409, 'device_conflict', TEXT.device[locale]);
  if (device.revoked) throw new HttpError(403, 'access_revoked', TEXT.revokedDevice[locale]);
}

export function mountSync(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/sync',
      tag: 'sync',
      summary: 'Envoie les modifications de l’appareil et reçoit celles des autres (un aller-retour).',
      access: 'member',
      // The member check reads this device in the same statement (from memory while nothing changed).
      deviceOf: (req) => (req.body as { deviceId?: unknown } | undefined)?.deviceId,
      body: syncRequestSchema,
      responses: {
        200: { description: 'Accusés, refus, changements et nouveau curseur', schema: syncResponseSchema },
        403: { description: 'access_revoked : verrouiller l’application et effacer les données locales de l’atelier' },
        426: { description: 'upgrade_required : protocole trop ancien, garder la boîte d’envoi' },
      },
    },
    // Parsed here, after the token: the route is mounted ahead of the app's JSON parser (app.ts).
    express.json({ limit: ctx.config.bodyLimit }),
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
    async (req, res, { body, caller }) => {
      const auth = caller;
      const locale = requestLocale(req);
      const now = ctx.now();
      const identity = { id: body.deviceId, workshopId: auth.workshopId, userId: auth.userId };
      let pushed: PushOutcome = { acked: [], rejected: [], ownSeqs: new Set() };
      let page: PullPage;
      if (body.mutations.length > 0) {
        // 1. Push, in its own transaction (row locks, sequences under the workshop's lock).
        pushed = await ctx.db.withWorkshop(auth.workshopId, async (tx) => {
          const device = await ensureDevice(tx, { ...identity, memberId: auth.memberId }, now);
          checkDevice(device, locale);
          return applyPush(tx, { workshopId: auth.workshopId, role: auth.role, deviceId: device!.id, locale, now }, body.mutations);
        });
        // 2. Pull, on one snapshot that includes what was just pushed.
        page = await ctx.db.readWorkshop(auth.workshopId, (tx) => pullPage(tx, auth.workshopId, body.cursor, ctx.config.syncPageRows, pushed.ownSeqs, now));
      } else {
        // Nothing to push (most syncs): the guard's ONE statement checked the member and read the
        // device and the workshop's head. A device already at the head, known and seen recently,
        // is answered at once; anything else (behind, new, stale, mid-pull) takes the full read below.
        const state = auth.state;
        if (state.deviceRevoked) checkDevice({ id: body.deviceId, code: '', name: '', revoked: true }, locale);
        const cursor = parseCursor(body.cursor);
        const fresh = state?.lastSeenAt && now.getTime() - state.lastSeenAt.getTime() <= LAST_SEEN_EVERY_MS;
        if (fresh && cursor.applied === state.head && cursor.after === state.head) {
          page = { changes: [], cursor: String(state.head), more: false, head: state.head };
        } else {
          const read = await ctx.db.readWorkshop(auth.workshopId, async (tx) => {
            const device = await findDevice(tx, body.deviceId);
            if (device?.revoked) checkDevice(device, locale);
            return { device, page: await pullPage(tx, auth.workshopId, body.cursor, ctx.config.syncPageRows, new Set(), now) };
          });
          page = read.page;
          if (!read.device || now.getTime() - read.device.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
            const device = await ctx.db.withWorkshop(auth.workshopId, (tx) => ensureDevice(tx, { ...identity, memberId: auth.memberId }, now));
            checkDevice(device, locale);
          }
        }
      }
      const response = {
        acked: pushed.acked,
        rejected: pushed.rejected,
        changes: page.changes,
        cursor: page.cursor,
        more: page.more,
        serverTime: now.toISOString(),
        ...(body.cursor === '0' || page.more ? { head: String(page.head) } : {}),
      };
      await sendLeanJson(req, res, response);
    },
  );
}
