/**
 * A message sent by e-mail: the text as written, and the same text as simple HTML (paragraphs,
 * line breaks, links made clickable, the workshop's name below), so every mail program shows it.
 */
import { text } from '../../shared/i18n/texts.js';
import { MESSAGE_KIND_LABELS, type MessageKind } from '../../shared/messaging/messageOptions.js';
import { dispatchTexts } from './texts.js';
import { escapeHtml } from '../../shared/domain/html.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}


/**
 * Escaped text with its http(s) addresses as links (matched on the escaped text, so nothing
 * escapes), a sentence's final punctuation left out of the address.
 */
function linked(escaped: string): string {
  return escaped.replace(/https?:\/\/(?:[^\s<>"'&]|&amp;)+/g, (match) => {
    const url = match.replace(/[.,;:!?)]+$/, '');
    return `<a href="${url}">${url}</a>${match.slice(url.length)}`;
  });
}

export function emailContent(body: string, kind: MessageKind, workshopName: string): EmailContent {
  const subject =
    kind === 'custom'
      ? text(dispatchTexts, 'fr', 'email.subjectCustom', { workshop: workshopName })
      : text(dispatchTexts, 'fr', 'email.subject', { kind: MESSAGE_KIND_LABELS.fr[kind], workshop: workshopName });
  const signature = text(dispatchTexts, 'fr', 'email.signature', { workshop: workshopName });
  const paragraphs = body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${linked(escapeHtml(paragraph)).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222">',
    paragraphs,
    `<p style="color:#666">— ${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text: `${body}\n\n— ${signature}\n`, html };
}
