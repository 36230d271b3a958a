/**
 * Moderation's routes (DESIGN "Admin portal"), every one for a signed-in admin:
 * - GET  /api/admin/reports?status=pending|resolved&page=      25 per page, the pending oldest first
 * - POST /api/admin/reports/:id/hide {reason}                  hides the profile or the photo reported
 * - POST /api/admin/reports/:id/keep {reason}                  keeps it
 * - POST /api/admin/profiles/:workshopId/unhide {reason}       shows a hidden profile again
 * - POST /api/admin/photos/:itemId/unhide {reason}             shows a hidden photo again
 * - GET  /api/admin/photos/:itemId                             a reported photo's bytes, hidden or not
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { okSchema } from '../schemas.js';
import { decisionSchema, itemParamsSchema, reportAnswerSchema, reportParamsSchema, reportsPageSchema, reportsQuerySchema, workshopParamsSchema } from './schemas.js';
import { ModerationService } from './service.js';
import { moderationError } from './texts.js';

export function mountAdminModeration(router: Router, ctx: CloudContext): void {
  const moderation = new ModerationService(ctx);
  const tag = 'admin';
  const refusals = { 400: { description: 'Motif manquant ou paramètre invalide' }, 404: { description: 'Introuvable' }, 409: { description: 'Déjà traité, ou plus dans l’annuaire' } };

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/reports',
      tag,
      access: 'admin',
      summary: 'Les signalements de l’annuaire : à traiter (les plus anciens d’abord) ou traités, 25 par page.',
      query: reportsQuerySchema,
      responses: { 200: { description: 'Une page de signalements', schema: reportsPageSchema }, 400: { description: 'Paramètre invalide' } },
    },
    async (req, res, { query }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await moderation.list(query.status, query.page, requestLocale(req)));
    },
  );

  const decisions = [
    { decision: 'hide', summary: 'Masque ce que le signalement vise (le profil, ou la photo) et clôt les signalements en attente sur la même cible ; écrit au journal.' },
    { decision: 'keep', summary: 'Maintient ce que le signalement vise et clôt les signalements en attente sur la même cible ; écrit au journal.' },
  ] as const;
  for (const { decision, summary } of decisions) {
    ctx.api.add(
      router,
      {
        method: 'post',
        path: `/admin/reports/:id/${decision}`,
        tag,
        access: 'admin',
        summary,
        params: reportParamsSchema,
        body: decisionSchema,
        responses: { 200: { description: 'Le signalement traité', schema: reportAnswerSchema }, ...refusals },
      },
      async (req, res, { params, body, caller }) => {
        const locale = requestLocale(req);
        const report = decision === 'hide' ? await moderation.hide(params.id, body.reason, caller, locale) : await moderation.keep(params.id, body.reason, caller, locale);
        res.json({ report });
      },
    );
  }

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/profiles/:workshopId/unhide',
      tag,
      access: 'admin',
      summary: 'Rétablit un profil masqué dans l’annuaire ; écrit au journal.',
      params: workshopParamsSchema,
      body: decisionSchema,
      responses: { 200: { description: 'Profil rétabli', schema: okSchema }, ...refusals },
    },
    async (req, res, { params, body, caller }) => {
      await moderation.unhideProfile(params.workshopId, body.reason, caller, requestLocale(req));
      res.json({ ok: true });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/photos/:itemId/unhide',
      tag,
      access: 'admin',
      summary: 'Rétablit une photo masquée dans l’annuaire ; écrit au journal.',
      params: itemParamsSchema,
      body: decisionSchema,
      responses: { 200: { description: 'Photo rétablie', schema: okSchema }, ...refusals },
    },
    async (req, res, { params, body, caller }) => {
      await moderation.unhidePhoto(params.itemId, body.reason, caller, requestLocale(req));
      res.json({ ok: true });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/photos/:itemId',
      tag,
      access: 'admin',
      summary: 'Une photo signalée (WebP), masquée ou non, pour la modération.',
      params: itemParamsSchema,
      responses: { 200: { description: 'La photo', contentType: 'image/webp' }, 404: { description: 'Photo introuvable' } },
    },
    async (req, res, { params }) => {
      const data = await moderation.photo(params.itemId);
      if (!data) throw moderationError('photo_not_found', requestLocale(req));
      res.setHeader('Content-Type', 'image/webp');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.send(data);
    },
  );
}
