/**
 * The small HTML pages of "Signaler ce profil" (and the audience's refusals): rendered on the
 * server, no script, one inline style sheet allowed by its hash, a form that posts only to this
 * site. Every value is escaped; every word comes from the catalogue (texts.ts).
 */
import { inlineStyleCsp } from '../../http/privatePage.js';
import { text, type Locale, type TextParams } from '../../../shared/i18n/texts.js';
import { REPORT_DETAILS_MAX, REPORT_REASONS } from '../../../shared/directory/audienceRules.js';
import { escapeHtml } from '../../../shared/domain/html.js';
import { DIRECTORY_PATH, profilePath, reportPath } from '../paths.js';
import { audienceTexts, REPORT_REASON_LABELS, type AudienceTextKey } from './texts.js';

const STYLE =
  'body{margin:0;background:#f5f2ea;color:#1f1f1f;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'main{box-sizing:border-box;max-width:34rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}' +
  'h1{margin:.2rem 0 .8rem;font-size:1.5rem;line-height:1.2}label{display:block;margin:.8rem 0 .3rem;font-weight:600}' +
  'select,textarea{box-sizing:border-box;width:100%;padding:.6rem;border:1px solid #999;border-radius:.4rem;font:inherit;background:#fff}' +
  'textarea{min-height:7rem}.help{margin:.2rem 0;color:#555;font-size:.85rem}' +
  'button{margin-top:1rem;width:100%;padding:.8rem;border:0;border-radius:.5rem;background:#8a2c1d;color:#fff;font:inherit;font-weight:700}' +
  '.card{margin:1rem 0;padding:.9rem 1rem;border-radius:.6rem;background:#fff}a{color:#1d5b8a}';

/** Nothing but the style sheet, and forms posting to this site. */
export const AUDIENCE_CSP = inlineStyleCsp(STYLE, "'self'");

const say = (locale: Locale, key: AudienceTextKey, params?: TextParams) => escapeHtml(text(audienceTexts, locale, key, params));

function document(locale: Locale, title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}

export interface ReportFormInput {
  slug: string;
  workshop: string;
  /** The reported photo's file hash, when a photo is reported. */
  photo: string | null;
}

export function reportFormPage(locale: Locale, form: ReportFormInput): string {
  const options = REPORT_REASONS.map((reason) => `<option value="${reason}">${escapeHtml(text(REPORT_REASON_LABELS, locale, reason))}</option>`).join('');
  const body = [
    `<h1>${say(locale, 'report.heading')}</h1>`,
    `<p>${say(locale, 'report.intro', { workshop: form.workshop })}</p>`,
    form.photo ? `<p class="card">${say(locale, 'report.photo')}</p>` : '',
    `<form method="post" action="${reportPath(form.slug)}">`,
    form.photo ? `<input type="hidden" name="photo" value="${escapeHtml(form.photo)}">` : '',
    `<label for="reason">${say(locale, 'report.reason')}</label>`,
    `<select id="reason" name="reason" required><option value="">${say(locale, 'report.choose')}</option>${options}</select>`,
    `<label for="details">${say(locale, 'report.details')}</label>`,
    `<textarea id="details" name="details" maxlength="${REPORT_DETAILS_MAX}"></textarea>`,
    `<p class="help">${say(locale, 'report.detailsHelp', { max: REPORT_DETAILS_MAX })}</p>`,
    `<button type="submit">${say(locale, 'report.send')}</button>`,
    '</form>',
    `<p><a href="${profilePath(form.slug)}">${say(locale, 'report.back')}</a></p>`,
  ];
  return document(locale, text(audienceTexts, locale, 'report.title', { workshop: form.workshop }), body.filter(Boolean).join('\n'));
}

/** A page with a heading, a sentence and a link back (the profile's when known, else the directory's). */
export function messagePage(locale: Locale, title: AudienceTextKey, body: string, slug: string | null): string {
  const back = slug ? `<a href="${profilePath(slug)}">${say(locale, 'report.back')}</a>` : `<a href="${DIRECTORY_PATH}">${say(locale, 'directory.link')}</a>`;
  return document(locale, text(audienceTexts, locale, title), `<h1>${say(locale, title)}</h1>\n<p>${escapeHtml(body)}</p>\n<p>${back}</p>`);
}

export function sayText(locale: Locale, key: AudienceTextKey, params?: TextParams): string {
  return text(audienceTexts, locale, key, params);
}
