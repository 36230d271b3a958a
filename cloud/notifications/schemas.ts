/** The messages area's answers (the app's host imports their types: shared/host/cloudContracts.ts). */
import { z } from 'zod';
import { LEDGER_KINDS } from './credits.js';

export const creditEntrySchema = z.object({
  /** grant (the trial's), purchase, message (a send's cost, negative), refund (a failed send's cost back). */
  kind: z.enum(LEDGER_KINDS),
  amount: z.number().int(),
  createdAt: z.string(),
});

/** GET /api/messages/credits: the balance and the latest 50 entries, newest first. */
export const creditsResponse = z.object({
  balance: z.number().int(),
  entries: z.array(creditEntrySchema).max(50),
});
export type CreditsResponse = z.infer<typeof creditsResponse>;
