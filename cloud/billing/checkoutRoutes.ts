/** Placeholder: filled by the issue-10 work on this part (see routes.ts). */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';

export function mountCheckout(_router: Router, _ctx: CloudContext): void {}
