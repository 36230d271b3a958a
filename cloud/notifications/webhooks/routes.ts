/**
 * The providers' notifications about messages (DESIGN "Messages to clients"):
 * - POST /api/webhooks/africastalking?token=…  Africa's Talking's delivery reports (a form: id,
 *   status, phoneNumber, networkCode, failureReason, retryCount). Africa's Talking signs nothing:
 *   the address carries AFRICASTALKING_WEBHOOK_TOKEN, compared in constant time.
 * - POST /api/webhooks/twilio  Twilio's status callbacks (MessageSid, MessageStatus, ErrorCode)
 *   and WhatsApp's incoming messages (From=whatsapp:+…), proven by X-Twilio-Signature, checked
 *   by the SDK's validateRequest over PUBLIC_URL + the path and query Twilio called and the exact
 *   fields received.
 * A known or unknown message id is answered 200 at once (an unknown one is ignored, so the
 * provider does not retry forever); a missing proof 401, a wrong one 403, with nothing written.
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { DeliveryReports } from './deliveryReports.js';
import { formBody, type FormFields } from './formBody.js';
import { inboundSender, WhatsAppInbound } from './inbound.js';
import { isTwilioStatusCallback, readAfricasTalkingReport, readTwilioStatusCallback } from './readReports.js';
import { africasTalkingQuery, EMPTY_TWIML, reportAnswerSchema, WEBHOOK_BODY_LIMIT, type ReportAnswer } from './schemas.js';
import { webhookError } from './texts.js';

const FORM = 'application/x-www-form-urlencoded';

export function mountMessageWebhooks(router: Router, ctx: CloudContext): void {
  const reports = new DeliveryReports({ db: ctx.db, serverWrites: ctx.services.serverWrites, logger: ctx.logger, now: ctx.now });
  const inbound = new WhatsAppInbound({ db: ctx.db, now: ctx.now });
  const { sms, whatsapp } = ctx.services.providers;
  const form = formBody(WEBHOOK_BODY_LIMIT);

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/webhooks/africastalking',
      tag: 'webhooks',
      summary: 'Rapport de remise d’un SMS par Africa’s Talking (formulaire id, status, phoneNumber, failureReason…), prouvé par ?token=AFRICASTALKING_WEBHOOK_TOKEN.',
      access: 'webhook',
      verify(req) {
        const locale = requestLocale(req);
        if (sms.kind === 'outbox') throw webhookError('not_configured', locale);
        const token = req.query.token;
        if (token === undefined || token === '') throw webhookError('missing_token', locale);
        if (!sms.acceptsWebhookToken(token)) throw webhookError('bad_token', locale);
      },
      query: africasTalkingQuery,
      rawBody: FORM,
      responses: {
        200: { description: 'Rapport reçu (message mis à jour, inchangé ou inconnu)', schema: reportAnswerSchema },
        400: { description: 'invalid_report, invalid_text : formulaire illisible' },
        401: { description: 'missing_token' },
        403: { description: 'bad_token, not_configured : rien n’est écrit' },
        413: { description: 'Corps ou nombre de champs trop grand' },
        415: { description: 'Pas un formulaire' },
      },
    },
    form,
    async (req, res) => {
      const read = readAfricasTalkingReport(req.body as FormFields);
      if (!read) throw webhookError('invalid_report', requestLocale(req));
      const answer: ReportAnswer = { outcome: await reports.record(read) };
      res.status(200).json(answer);
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/webhooks/twilio',
      tag: 'webhooks',
      summary: 'Twilio : état d’un message WhatsApp (MessageSid, MessageStatus, ErrorCode) ou message reçu d’un client (From=whatsapp:+…, ouvre la fenêtre de 24 heures), prouvé par X-Twilio-Signature.',
      access: 'webhook',
      verify(req) {
        const locale = requestLocale(req);
        if (whatsapp.kind === 'outbox') throw webhookError('not_configured', locale);
        const signature = req.headers['x-twilio-signature'];
        if (typeof signature !== 'string' || signature === '') throw webhookError('missing_signature', locale);
        // The address Twilio called, as it signed it: the public address, then the path and query as received.
        const url = `${ctx.config.publicUrl}${req.originalUrl}`;
        if (!whatsapp.validateWebhook(url, req.body as FormFields, signature)) throw webhookError('bad_signature', locale);
      },
      rawBody: FORM,
      responses: {
        200: { description: 'État reçu ({outcome}) ; pour un message reçu, un TwiML vide (text/xml) : aucune réponse n’est envoyée', schema: reportAnswerSchema },
        400: { description: 'invalid_report, invalid_text : formulaire illisible' },
        401: { description: 'missing_signature' },
        403: { description: 'bad_signature, not_configured : rien n’est écrit' },
        413: { description: 'Corps ou nombre de champs trop grand' },
        415: { description: 'Pas un formulaire' },
      },
    },
    form,
    async (req, res) => {
      const fields = req.body as FormFields;
      if (isTwilioStatusCallback(fields)) {
        const read = readTwilioStatusCallback(fields);
        if (!read) throw webhookError('invalid_report', requestLocale(req));
        const answer: ReportAnswer = { outcome: await reports.record(read) };
        res.status(200).json(answer);
        return;
      }
      const phone = inboundSender(fields);
      if (!phone) throw webhookError('invalid_report', requestLocale(req));
      await inbound.received(phone);
      res.status(200).type('text/xml').send(EMPTY_TWIML);
    },
  );
}
