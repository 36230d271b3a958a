/** The e-mail port: SMTP through nodemailer (`smtp.ts`), or the development outbox. */
import type { SendOutcome } from '../outcome.js';

export interface EmailMessage {
  to: string;
  subject: string;
  /** The plain-text body: always sent, read by every mail program. */
  text: string;
  /** A simple HTML version of the same text, sent alongside it when given. */
  html?: string;
  replyTo?: string;
  reference?: string;
}

export interface EmailSender {
  readonly kind: 'smtp' | 'outbox';
  send(message: EmailMessage): Promise<SendOutcome>;
  /** Closes pooled connections (at shutdown). */
  close(): void;
}
