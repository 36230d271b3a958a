/**
 * The admin portal's workshops (DESIGN "Admin portal"), every route for any admin (support
 * included); the guard checks the session and, on writes, the CSRF token:
 * - GET  /api/admin/workshops?q=&plan=&status=&page=   the list, 25 a page, newest first
 * - GET  /api/admin/workshops/:id                      a workshop's page (no client data)
 * - POST /api/admin/workshops/:id/suspend | /restore | /extend-trial | /grant-credits | /change-plan
 *   each with its reason; the answer is the workshop's page after the action.
 */
import type { Router } from 'express';
import type { z, ZodType } from 'zod';
import type { CloudContext } from '../../context.js';
import type { AdminCaller } from '../../http/guards.js';
import { requestLocale } from '../../http/errors.js';
import type { Locale } from '../../../shared/i18n/texts.js';
import { AdminWorkshops } from './service.js';
import {
  changePlanBodySchema, extendTrialBodySchema, grantCreditsBodySchema, reasonBodySchema, workshopDetailSchema, workshopParamsSchema, workshopsQuerySchema,
  workshopsResponseSchema, type WorkshopDetail,
} from './schemas.js';

const tag = 'admin';

export function mountAdminWorkshops(router: Router, ctx: CloudContext): void {
  const workshops = new AdminWorkshops(ctx);

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops',
      tag,
      access: 'admin',
      summary: 'Les ateliers, du plus récent au plus ancien, 25 par page : recherche par nom, téléphone ou ville (accents et majuscules ignorés), filtres par formule et statut.',
      query: workshopsQuerySchema,
      responses: { 200: { description: 'Une page d’ateliers et leur nombre total', schema: workshopsResponseSchema }, 400: { description: 'Paramètre invalide' } },
    },
    async (_req, res, { query }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await workshops.list(query));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops/:id',
      tag,
      access: 'admin',
      summary: 'La fiche d’un atelier : compte, abonnement, paiements et actions des administrateurs, membres et appareils, dernière synchronisation, messages et crédits (des nombres, jamais les données des clients).',
      params: workshopParamsSchema,
      responses: { 200: { description: 'La fiche', schema: workshopDetailSchema }, 404: { description: 'Atelier introuvable' } },
    },
    async (req, res, { params }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await workshops.detail(params.id, requestLocale(req)));
    },
  );

  function action<B extends ZodType>(route: { path: string; summary: string; body: B }, run: (id: string, caller: AdminCaller, body: z.output<B>, locale: Locale) => Promise<WorkshopDetail>): void {
    const { path, summary, body } = route;
    ctx.api.add(
      router,
      {
        method: 'post',
        path: `/admin/workshops/:id/${path}`,
        tag,
        access: 'admin',
        summary,
        params: workshopParamsSchema,
        body,
        responses: {
          200: { description: 'La fiche de l’atelier après l’action (écrite au journal avec l’état avant et après)', schema: workshopDetailSchema },
          400: { description: 'Motif manquant ou valeur invalide' },
          404: { description: 'Atelier introuvable' },
          409: { description: 'Action impossible dans l’état de l’abonnement' },
        },
      },
      async (req, res, input) => {
        res.json(await run(input.params.id, input.caller, input.body as z.output<B>, requestLocale(req)));
      },
    );
  }

  action({ path: 'suspend', summary: 'Suspend un atelier (messages, annuaire et membres au-delà de la formule gratuite arrêtés ; ses données et sa synchronisation restent), avec le motif.', body: reasonBodySchema }, (id, caller, body, locale) =>
    workshops.suspend(id, caller, body.reason, locale),
  );
  action({ path: 'restore', summary: 'Rétablit un atelier suspendu : sa période payée ou son essai s’ils courent encore, sinon un nouveau délai de grâce, avec le motif.', body: reasonBodySchema }, (id, caller, body, locale) =>
    workshops.restore(id, caller, body.reason, locale),
  );
  action({ path: 'extend-trial', summary: 'Prolonge l’essai de 1 à 90 jours (un atelier dont l’essai a pris fin sans paiement repasse en essai), avec le motif.', body: extendTrialBodySchema }, (id, caller, body, locale) =>
    workshops.extendTrial(id, caller, body.reason, body.days, locale),
  );
  action({ path: 'grant-credits', summary: 'Offre de 1 à 10 000 crédits SMS à l’atelier, avec le motif.', body: grantCreditsBodySchema }, (id, caller, body, locale) =>
    workshops.grantCredits(id, caller, body.reason, body.credits, locale),
  );
  action({ path: 'change-plan', summary: 'Change la formule de l’atelier sans changer son statut ni ses dates (la formule gratuite le fait passer en « cancelled »), avec le motif.', body: changePlanBodySchema }, (id, caller, body, locale) =>
    workshops.changePlan(id, caller, body.reason, body.planId, locale),
  );
}
