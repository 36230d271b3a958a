/** Placeholder: the French page FedaPay brings the payer back to (callback_url), filled by the checkout work. */
import type { Express } from 'express';
import type { CloudContext } from '../context.js';

export function mountReturnPage(_app: Express, _ctx: CloudContext): void {}
