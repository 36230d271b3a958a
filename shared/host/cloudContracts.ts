/**
 * The cloud's answers as the host receives them, inferred from the hub's own zod schemas (the
 * ones that validate its responses and feed /api/openapi.json), so that the two cannot drift.
 * Types only: `import type` is erased at build, so neither the worker nor the React bundle
 * carries any cloud code.
 */
import type { z } from 'zod';
import type { deviceResponse, devicesResponse, inviteResponse, memberResponse, membersResponse, sessionResponse, tokensResponse } from '../../cloud/auth/schemas.js';
import type { fileStatusSchema } from '../../cloud/files/schemas.js';
import type { creditsResponse } from '../../cloud/notifications/schemas.js';

/** POST /api/auth/refresh. */
export type Tokens = z.infer<typeof tokensResponse>;
/** POST /api/auth/signup, /api/auth/login, /api/invites/accept. */
export type SessionPayload = z.infer<typeof sessionResponse>;
/** GET /api/members. */
export type TeamList = z.infer<typeof membersResponse>;
export type TeamMember = z.infer<typeof memberResponse>;
export type TeamInvite = TeamList['invites'][number];
/** POST /api/invites: the code to pass on. */
export type InviteCode = z.infer<typeof inviteResponse>;
/** GET /api/devices. */
export type TeamDevices = z.infer<typeof devicesResponse>;
export type TeamDevice = TeamDevices['devices'][number];
/** POST /api/devices (register). */
export type RegisteredDevice = z.infer<typeof deviceResponse>;
/** GET /api/files/:hash/status and each chunk's PUT. */
export type FileStatus = z.infer<typeof fileStatusSchema>;

/** GET /api/messages/credits: the workshop's message credits and the latest ledger entries. */
export type MessageCredits = z.infer<typeof creditsResponse>;
export type CreditEntry = MessageCredits['entries'][number];
