/**
 * Every `/api/admin` route (DESIGN "Admin portal"), each area in its own folder: the sign-in here,
 * the workshops, the dashboard, moderation, the support view, the audit log and the admins.
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { mountAdminSignIn } from './signInRoutes.js';
import { mountAdminWorkshops } from './workshops/routes.js';
import { mountAdminDashboard } from './dashboard/routes.js';
import { mountAdminModeration } from './moderation/routes.js';
import { mountAdminAudit } from './audit/routes.js';
import { mountAdminTeam } from './team/routes.js';
import { mountAdminSupport } from './support/adminRoutes.js';

export function mountAdmin(router: Router, ctx: CloudContext): void {
  mountAdminSignIn(router, ctx);
  mountAdminWorkshops(router, ctx);
  mountAdminDashboard(router, ctx);
  mountAdminModeration(router, ctx);
  mountAdminAudit(router, ctx);
  mountAdminTeam(router, ctx);
  mountAdminSupport(router, ctx);
}
