/**
 * The owner's permission for the support view, from the app's settings (DESIGN "Admin portal"):
 * - GET    /api/support-access  the permission in force, or null
 * - POST   /api/support-access  a new 24-hour permission from now (replacing one in force)
 * - DELETE /api/support-access  withdraws it at once
 * Staff and viewers are refused by the route's declaration (owner).
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { supportGrantResponse } from './schemas.js';
import { SupportAccess } from './supportView.js';

export function mountSupportAccess(router: Router, ctx: CloudContext): void {
  const access = new SupportAccess(ctx);
  const tag = 'support';
  const owner = { 403: { description: 'Réservé au propriétaire de l’atelier' } };

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/support-access',
      tag,
      access: 'owner',
      summary: 'L’autorisation d’assistance en cours (l’équipe Styliste peut consulter l’atelier en lecture seule jusqu’à sa fin), ou null.',
      responses: { 200: { description: 'L’autorisation en cours, ou null', schema: supportGrantResponse }, ...owner },
    },
    async (_req, res, { caller }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await access.current(caller.workshopId));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/support-access',
      tag,
      access: 'owner',
      summary: 'Autorise l’assistance Styliste pendant 24 h à partir de maintenant (remplace une autorisation en cours).',
      responses: { 200: { description: 'La nouvelle autorisation et sa fin', schema: supportGrantResponse }, ...owner },
    },
    async (_req, res, { caller }) => {
      res.json(await access.allow(caller));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/support-access',
      tag,
      access: 'owner',
      summary: 'Retire l’autorisation d’assistance tout de suite.',
      responses: { 200: { description: 'Plus d’autorisation', schema: supportGrantResponse }, ...owner },
    },
    async (_req, res, { caller }) => {
      res.json(await access.withdraw(caller));
    },
  );
}
