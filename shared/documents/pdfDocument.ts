/**
 * The little the two documents share: a pdfkit document collected into bytes, text made safe
 * for the standard PDF fonts, FCFA amounts and dates in the workshop's timezone, the header.
 */
import PDFDocument from 'pdfkit/js/pdfkit.standalone.js';
import { formatXof } from '../domain/money.js';
import type { Locale } from '../i18n/texts.js';
import { DOCUMENT_TEXTS } from './texts.js';

export type Pdf = PDFKit.PDFDocument;

/** What a document says about the workshop (from the `settings` query). */
export interface WorkshopHeader {
  name: string;
  phone: string | null;
  city: string | null;
  timezone: string;
}

/** Builds a document with `draw` and resolves with its bytes (works in the browser and in Node). */
export function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: Pdf) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true, ...options });
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    });
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

/** Characters the standard fonts (WinAnsi) can show beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '\u202f': '\u00a0', '\u2009': ' ', '\u2212': '-', '\u2011': '-', '\u2010': '-' };

function winAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === '\n';
}

/**
 * Text the standard fonts can draw: accents of French stay; letters they lack (ọ, ẹ, ɔ…) lose
 * their extra marks rather than print as garbage; anything else becomes « ? ».
 */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text) {
    const replaced = REPLACEMENTS[char] ?? char;
    if (winAnsi(replaced)) {
      out += replaced;
      continue;
    }
    const base = [...replaced.normalize('NFD')].filter((c) => winAnsi(c)).join('').normalize('NFC');
    out += base || '?';
  }
  return out;
}

/** 12 000 FCFA, with a no-break space the standard fonts know. */
export function pdfMoney(amount: number, locale: Locale = 'fr'): string {
  return pdfText(formatXof(amount, locale));
}

/** '2026-11-27' → « vendredi 27 novembre 2026 » */
export function pdfDay(isoDay: string, locale: Locale = 'fr'): string {
  const text = new Intl.DateTimeFormat(DOCUMENT_TEXTS[locale].intl, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${isoDay}T12:00:00Z`));
  return pdfText(text);
}

/** An instant as « 25/11/2026 10:00 » in the workshop's timezone. */
export function pdfDateTime(iso: string | Date, timeZone: string, locale: Locale = 'fr'): string {
  const text = new Intl.DateTimeFormat(DOCUMENT_TEXTS[locale].intl, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone })
    .format(typeof iso === 'string' ? new Date(iso) : iso);
  return pdfText(text);
}

/** An instant's day as « 25/11/2026 » in the workshop's timezone. */
export function pdfDate(iso: string | Date, timeZone: string, locale: Locale = 'fr'): string {
  const text = new Intl.DateTimeFormat(DOCUMENT_TEXTS[locale].intl, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone })
    .format(typeof iso === 'string' ? new Date(iso) : iso);
  return pdfText(text);
}

/** +2290197000000 → « +229 01 97 00 00 00 » */
export function pdfPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+229(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+229 ${m.slice(1).join(' ')}` : e164;
}

export const INK = '#1e1b4b';
export const MUTED = '#6b6680';
export const ACCENT = '#c2410c';

/** The workshop's name, phone and city on the left, the document's title and number on the right. */
export function drawHeader(doc: Pdf, workshop: WorkshopHeader, title: string, subtitle: string[]): void {
  const { left, right, top } = doc.page.margins;
  const width = doc.page.width - left - right;
  const half = width * 0.55;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(15).text(pdfText(workshop.name), left, top, { width: half });
  const contact = [pdfPhone(workshop.phone), workshop.city ? pdfText(workshop.city) : ''].filter(Boolean).join(' - ');
  doc.fillColor(MUTED).font('Helvetica').fontSize(9);
  if (contact) doc.text(contact, { width: half });
  const leftBottom = doc.y;
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(14).text(pdfText(title), left + half, top, { width: width - half, align: 'right' });
  doc.font('Helvetica').fontSize(9);
  for (const line of subtitle) doc.text(pdfText(line), { width: width - half, align: 'right' });
  const y = Math.max(leftBottom, doc.y) + 8;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1).strokeColor(ACCENT).stroke();
  doc.x = left;
  doc.y = y + 10;
}

/** A label on the left and a value on the right of the same line. */
export function drawRow(doc: Pdf, label: string, value: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const y = doc.y;
  const valueWidth = 130;
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 10).fillColor(options.color ?? INK);
  doc.text(pdfText(label), left, y, { width: width - valueWidth - 8 });
  const labelBottom = doc.y;
  doc.text(pdfText(value), left + width - valueWidth, y, { width: valueWidth, align: 'right', lineBreak: false });
  doc.x = left;
  doc.y = Math.max(labelBottom, y + doc.currentLineHeight(true)) + 3;
}

/** A section title with a thin line under it. */
export function drawSection(doc: Pdf, title: string): void {
  const { left, right } = doc.page.margins;
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(ACCENT).text(pdfText(title), left);
  const y = doc.y + 1;
  doc.moveTo(left, y).lineTo(doc.page.width - right, y).lineWidth(0.5).strokeColor('#e7e1d8').stroke();
  doc.y = y + 5;
  doc.fillColor(INK);
}
