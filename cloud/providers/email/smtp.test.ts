/** E-mail through nodemailer to a real SMTP server (smtp-server) on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpLoopback, type SmtpLoopback } from '../testing/smtpLoopback.js';
import { startLoopbackHttp } from '../testing/loopbackHttp.js';
import { readMail } from '../testing/mimeReader.js';
import { SmtpEmail } from './smtp.js';

let smtp: SmtpLoopback;

beforeAll(async () => {
  smtp = await startSmtpLoopback();
});

afterAll(async () => {
  await smtp?.close();
});

describe('SMTP e-mail', () => {
  it('delivers text and HTML parts with From, To and Subject, French accents intact', async () => {
    const email = new SmtpEmail({ url: smtp.url, from: 'Atelier Élégance <bonjour@styliste.example>' });
    try {
      const outcome = await email.send({
        to: 'aicha@example.bj',
        subject: 'Votre tenue est prête — Atelier Élégance',
        text: 'Bonjour Aïcha, votre boubou brodé est prêt. Reste à payer : 15 000 FCFA.',
        html: '<p>Bonjour Aïcha, votre <strong>boubou brodé</strong> est prêt.</p>',
        reference: 'msg-42',
      });
      expect(outcome).toMatchObject({ status: 'accepted', providerStatus: expect.stringMatching(/^250/) });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.from).toBe('bonjour@styliste.example');
      expect(mail.to).toEqual(['aicha@example.bj']);
      const read = readMail(mail.raw);
      expect(read.headers.get('subject')).toBe('Votre tenue est prête — Atelier Élégance');
      expect(read.headers.get('from')).toBe('Atelier Élégance <bonjour@styliste.example>');
      expect(read.headers.get('to')).toBe('aicha@example.bj');
      expect(outcome.status === 'accepted' && outcome.providerId).toBe(read.headers.get('message-id'));
      expect(read.headers.get('content-type')).toMatch(/^multipart\/alternative/);
      const text = read.parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'));
      const html = read.parts.find((part) => part.headers.get('content-type')?.startsWith('text/html'));
      expect(text?.body).toBe('Bonjour Aïcha, votre boubou brodé est prêt. Reste à payer : 15 000 FCFA.');
      expect(html?.body).toBe('<p>Bonjour Aïcha, votre <strong>boubou brodé</strong> est prêt.</p>');
    } finally {
      email.close();
    }
  });

  it('calls a 550 for the recipient permanent, with the server’s words kept for the logs', async () => {
    smtp.refuseRecipients.add('inconnu@example.bj');
    const email = new SmtpEmail({ url: smtp.url, from: 'bonjour@styliste.example' });
    try {
      const outcome = await email.send({ to: 'inconnu@example.bj', subject: 'Essai', text: 'Essai' });
      expect(outcome).toMatchObject({ status: 'failed', code: 'invalid_address', permanent: true, reason: 'Adresse e-mail refusée par le serveur d’envoi.', detail: expect.stringContaining('550') });
    } finally {
      email.close();
    }
  });

  it('calls a closed port transient', async () => {
    const closed = await startLoopbackHttp(() => undefined);
    const port = new URL(closed.url).port;
    await closed.close();
    const email = new SmtpEmail({ url: `smtp://127.0.0.1:${port}`, from: 'bonjour@styliste.example' }, { connectionTimeoutMs: 2_000 });
    try {
      expect(await email.send({ to: 'aicha@example.bj', subject: 'Essai', text: 'Essai' })).toMatchObject({ status: 'failed', code: 'network', permanent: false });
    } finally {
      email.close();
    }
  });
});
