/**
 * Who may do what: the ONE rule table (roleTable.ts, free of zod so that the app's screens can
 * import it) and the zod schema of a role, for the engine, the host and the hub.
 */
import { z } from 'zod';
import { ROLES } from './roleTable.js';

export * from './roleTable.js';

export const roleSchema = z.enum(ROLES, { error: () => 'invalid.role' });
