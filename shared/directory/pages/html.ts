/**
 * The directory pages' HTML helpers: escaping (every value a user wrote goes through `escapeHtml`),
 * JSON safe inside a `<script>` element, and the document's frame — `lang`, title, description,
 * canonical address, OpenGraph, JSON-LD, the style sheet (linked, or inlined for the app's offline
 * preview), the optional map script. Pure strings: the cloud and the app both call it.
 */
import { MAP_SCRIPT_PATH, DIRECTORY_CSS, STYLESHEET_PATH } from './style.js';
import type { Locale } from '../../i18n/texts.js';
import { escapeHtml } from '../../domain/html.js';

export { escapeHtml };

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` as \u escapes, so no
 * `</script>` or `<!--` can close or bend the element; U+2028/9 escaped too. Still valid JSON.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface PageHead {
  locale: Locale;
  title: string;
  description?: string;
  /** Absolute. */
  canonical?: string;
  /** `noindex, follow` for pages a search engine should not keep (a filtered search, an error). */
  noindex?: boolean;
  og?: { title: string; description: string; url: string; image?: { url: string; width?: number; height?: number } | undefined };
  jsonLd?: unknown;
  /** Load the map script (deferred). */
  script?: boolean;
  /** The app's offline preview: the style sheet inline, no script. */
  inlineStyle?: boolean;
}

const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}">`;

export function htmlDocument(head: PageHead, body: string): string {
  const parts = [
    `<!doctype html>\n<html lang="${head.locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(head.title)}</title>`,
  ];
  if (head.description) parts.push(`<meta name="description" content="${escapeHtml(head.description)}">`);
  if (head.noindex) parts.push('<meta name="robots" content="noindex, follow">');
  if (head.canonical) parts.push(`<link rel="canonical" href="${escapeHtml(head.canonical)}">`);
  if (head.og) {
    parts.push(meta('og:type', 'website'), meta('og:site_name', 'Styliste'), meta('og:locale', head.locale === 'fr' ? 'fr_FR' : 'en_GB'));
    parts.push(meta('og:title', head.og.title), meta('og:description', head.og.description), meta('og:url', head.og.url));
    const image = head.og.image;
    if (image) {
      parts.push(meta('og:image', image.url));
      if (image.width && image.height) parts.push(meta('og:image:width', String(image.width)), meta('og:image:height', String(image.height)));
    }
  }
  parts.push(head.inlineStyle ? `<style>${DIRECTORY_CSS}</style>` : `<link rel="stylesheet" href="${STYLESHEET_PATH}">`);
  if (head.script && !head.inlineStyle) parts.push(`<script src="${MAP_SCRIPT_PATH}" defer></script>`);
  if (head.jsonLd !== undefined) parts.push(`<script type="application/ld+json">${jsonForScript(head.jsonLd)}</script>`);
  parts.push('</head>\n<body>\n');
  return `${parts.join('')}${body}\n</body></html>\n`;
}

/** A text with its line breaks kept (the style sheet's `pre-line`), escaped. */
export function paragraphText(value: string): string {
  return escapeHtml(value.replace(/\r\n?/g, '\n').trim());
}

/** `<a>` with its attributes, or inert (no href, no ping) in the app's preview. */
export function link(attributes: { href: string; class?: string; rel?: string; ping?: string }, content: string, inert = false): string {
  if (inert) return `<a${attributes.class ? ` class="${attributes.class}"` : ''} aria-disabled="true">${content}</a>`;
  const extra = [attributes.class ? ` class="${attributes.class}"` : '', attributes.rel ? ` rel="${attributes.rel}"` : '', attributes.ping ? ` ping="${escapeHtml(attributes.ping)}"` : ''];
  return `<a href="${escapeHtml(attributes.href)}"${extra.join('')}>${content}</a>`;
}
