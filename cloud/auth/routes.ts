/**
 * The accounts area's endpoints (HTTP only: the registry parses and guards, the services decide):
 * - sessionRoutes.ts: POST /api/auth/signup, /auth/login, /auth/refresh, /auth/logout (public)
 * - teamRoutes.ts: GET /api/members, PATCH|DELETE /api/members/:id, POST /api/invites (owner),
 *   POST /api/invites/accept (public)
 * - deviceRoutes.ts: POST /api/devices (member), GET /api/devices, DELETE /api/devices/:id (owner)
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { mountSessionRoutes } from './sessionRoutes.js';
import { mountTeamRoutes } from './teamRoutes.js';
import { mountDeviceRoutes } from './deviceRoutes.js';

export function mountAuth(router: Router, ctx: CloudContext): void {
  mountSessionRoutes(router, ctx);
  mountTeamRoutes(router, ctx);
  mountDeviceRoutes(router, ctx);
}
