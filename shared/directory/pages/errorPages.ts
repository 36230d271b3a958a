/** The directory's error pages: not found (404), a refused search (400, the reason in French), unavailable (503). Never indexed. */
import type { Locale } from '../../i18n/texts.js';
import { text } from '../../i18n/texts.js';
import { DIRECTORY_PATH } from '../paths.js';
import { escapeHtml, htmlDocument } from './html.js';
import { footer, say, topBar } from './layout.js';
import { pagesTexts, type PagesTextKey } from './texts.js';

function errorPage(locale: Locale, title: PagesTextKey, heading: PagesTextKey, body: string): string {
  const content = [topBar(locale), '<main>', `<h1>${say(locale, heading)}</h1>`, `<p>${body}</p>`, `<p><a href="${DIRECTORY_PATH}">${say(locale, 'error.back')}</a></p>`, '</main>', footer(locale)];
  return htmlDocument({ locale, title: text(pagesTexts, locale, title), noindex: true }, content.join('\n'));
}

export function renderNotFoundPage(locale: Locale = 'fr'): string {
  return errorPage(locale, 'notFound.title', 'notFound.heading', say(locale, 'notFound.body'));
}

/** `reason`: the French (or English) message of the refused parameter. */
export function renderBadRequestPage(reason: string, locale: Locale = 'fr'): string {
  return errorPage(locale, 'badRequest.title', 'badRequest.heading', escapeHtml(reason));
}

export function renderUnavailablePage(locale: Locale = 'fr'): string {
  return errorPage(locale, 'unavailable.title', 'unavailable.heading', say(locale, 'unavailable.body'));
}
