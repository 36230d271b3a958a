/**
 * A real SMTP server (smtp-server) on 127.0.0.1 for tests: it accepts any login, keeps every
 * message it receives (envelope and raw source), and refuses with 550 the recipients listed in
 * `refuseRecipients` (as a mail server refuses an unknown mailbox).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpLoopback {
  url: string;
  port: number;
  received: ReceivedMail[];
  refuseRecipients: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpLoopback(): Promise<SmtpLoopback> {
  const received: ReceivedMail[] = [];
  const refuseRecipients = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onRcptTo: (address, _session, callback) => {
      if (refuseRecipients.has(address.address)) {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable: no such user'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuseRecipients,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
