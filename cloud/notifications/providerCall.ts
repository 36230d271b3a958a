/**
 * The second half of a send: the provider's port, called outside any transaction (a provider
 * that takes 15 seconds must not hold the workshop's write lock). SMS through Africa's Talking,
 * WhatsApp through Twilio (free text, or the approved template outside the 24-hour window, with
 * the status callback address), e-mail through SMTP (plain text and simple HTML); each, without
 * credentials, to the development outbox.
 */
import type { Providers } from '../providers/providers.js';
import type { SendOutcome } from '../providers/outcome.js';
import type { PreparedSend } from './preparation.js';

export function callProvider(providers: Providers, publicUrl: string, send: PreparedSend): Promise<SendOutcome> {
  const reference = send.messageId;
  switch (send.channel) {
    case 'sms':
      return providers.sms.send({ to: send.to, text: send.text, reference });
    case 'whatsapp': {
      const statusCallback = `${publicUrl}/api/webhooks/twilio`;
      return send.template
        ? providers.whatsapp.send({ to: send.to, template: send.template, reference, statusCallback })
        : providers.whatsapp.send({ to: send.to, text: send.text, reference, statusCallback });
    }
    case 'email': {
      const email = send.email!;
      return providers.email.send({ to: send.to, subject: email.subject, text: email.text, html: email.html, reference });
    }
  }
}
