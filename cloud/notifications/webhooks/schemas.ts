/**
 * The webhooks' request and answer schemas. Their bodies are the providers' forms, read by
 * formBody.ts and the providers' own parsers (they add fields without notice, so no strict
 * schema here); what is documented is the query's token and the answers.
 */
import { z } from 'zod';

/** Bodies are small: a report is a few hundred bytes, an incoming WhatsApp message up to 4,096 characters escaped. */
export const WEBHOOK_BODY_LIMIT = '64kb';

export const africasTalkingQuery = z.object({
  token: z.string().max(200).optional().meta({ description: 'AFRICASTALKING_WEBHOOK_TOKEN, dans l’adresse de retour réglée chez Africa’s Talking' }),
});

export const REPORT_OUTCOMES = ['updated', 'unchanged', 'unknown'] as const;

export const reportAnswerSchema = z.object({
  outcome: z.enum(REPORT_OUTCOMES).meta({
    description: 'updated : statut du message avancé ; unchanged : rien à changer (répétition, rapport en retard) ; unknown : aucun message connu sous cet identifiant (ignoré)',
  }),
});
export type ReportAnswer = z.infer<typeof reportAnswerSchema>;

/** What Twilio wants in answer to an incoming message: TwiML that sends nothing back. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
