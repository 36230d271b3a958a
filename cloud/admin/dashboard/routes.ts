/**
 * `GET /api/admin/dashboard` (issue 12): the platform's figures and small charts for any signed-in
 * admin. HTTP only; the figures are the service's (service.ts).
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { adminDashboardSchema } from './schemas.js';
import { AdminDashboardService } from './service.js';

export function mountAdminDashboard(router: Router, ctx: CloudContext): void {
  const dashboard = new AdminDashboardService(ctx.db, () => ctx.now());
  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/dashboard',
      tag: 'admin',
      access: 'admin',
      summary:
        'Tableau de bord : ateliers (total, synchronisés sur 30 jours, nouveaux cette semaine), abonnements par statut et par formule, revenu mensuel récurrent (FCFA), paiements du mois, messages envoyés et échoués, crédits vendus, profils publiés, signalements en attente, et les petits graphiques (heure de Porto-Novo).',
      responses: { 200: { description: 'Les chiffres de la plateforme maintenant', schema: adminDashboardSchema }, 401: { description: 'Pas de session d’administration' } },
    },
    async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await dashboard.read());
    },
  );
}
