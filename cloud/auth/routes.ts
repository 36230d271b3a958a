/**
 * Accounts, members and devices:
 * - POST /api/auth/signup, /auth/login, /auth/refresh, /auth/logout
 * - GET /api/members, PATCH|DELETE /api/members/:id, POST /api/invites, /api/invites/accept
 * - POST|GET /api/devices
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { mountSignup } from './signup.js';
import { LOGIN_LIMITS, mountLogin } from './login.js';
import { mountMembers } from './members.js';
import { mountInvites } from './invites.js';
import { mountDevices } from './deviceRoutes.js';
import { WindowLimiter } from './rateLimit.js';

export function mountAuth(router: Router, ctx: CloudContext): void {
  // One per-IP budget of failed attempts, shared by sign-in and invitation codes (per process).
  const ipLimiter = new WindowLimiter(LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowMs, () => ctx.now().getTime());
  mountSignup(router, ctx);
  mountLogin(router, ctx, ipLimiter);
  mountInvites(router, ctx, ipLimiter);
  mountMembers(router, ctx);
  mountDevices(router, ctx);
}
