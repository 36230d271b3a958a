/**
 * Moderation: the directory's reports (pending first), each with what it points at — the
 * profile, or the photo (shown from its admin-only URL) — and « Masquer » / « Garder », each with
 * a reason.
 */
import { useState } from 'react';
import type { z } from 'zod';
import type { ReportView, reportAnswerSchema, reportsPageSchema } from '../../../admin/moderation/schemas.js';
import { api, query } from '../api.js';
import { date, dateTime } from '../format.js';
import { ActionForm, Loading, Pager, useLoad } from '../ui.js';
import { translator } from '../i18n.js';
import { MODERATION_TEXTS } from '../texts/moderation.js';

const t = translator(MODERATION_TEXTS);

type ReportsPage = z.output<typeof reportsPageSchema>;
type ReportAnswer = z.output<typeof reportAnswerSchema>;

export function Moderation() {
  const [status, setStatus] = useState<'pending' | 'resolved'>('pending');
  const [page, setPage] = useState(1);
  const loaded = useLoad<ReportsPage>(`/admin/reports${query({ status, page })}`);
  const [decided, setDecided] = useState<Record<string, ReportView>>({});

  return (
    <section>
      <h1>{t('title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('tabs')}>
        {(['pending', 'resolved'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={status === value}
            onClick={() => {
              setStatus(value);
              setPage(1);
            }}
          >
            {value === 'pending' ? t('pending') : t('resolved')}
          </button>
        ))}
      </div>
      <Loading loaded={loaded} />
      {loaded.data && loaded.data.reports.length === 0 && <p className="muted">{status === 'pending' ? t('nonePending') : t('noneResolved')}</p>}
      <div className="reports">
        {loaded.data?.reports.map((report) => (
          <Report key={report.id} report={decided[report.id] ?? report} onDecided={(next) => setDecided((all) => ({ ...all, [next.id]: next }))} />
        ))}
      </div>
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={setPage} />}
    </section>
  );
}

function Report({ report, onDecided }: { report: ReportView; onDecided(report: ReportView): void }) {
  const photo = report.photo !== null;
  const name = report.workshop.name;
  async function decide(kind: 'hide' | 'keep', reason: string) {
    const answer = await api<ReportAnswer>(`/admin/reports/${encodeURIComponent(report.id)}/${kind}`, { json: { reason } });
    onDecided(answer.report);
  }
  return (
    <article className="card report" data-testid="report" data-status={report.status}>
      <header>
        <h2>{report.workshop.city ? t('headingCity', { reason: report.reasonLabel, name, city: report.workshop.city }) : t('heading', { reason: report.reasonLabel, name })}</h2>
        <p className="muted">
          {t('reportedAt', { at: dateTime(report.createdAt) })}
          {report.othersPending > 0 && t(photo ? 'othersPhoto' : 'othersProfile', { count: report.othersPending })}
        </p>
      </header>
      {report.details && <blockquote>{report.details}</blockquote>}
      <p>
        {report.workshop.slug ? (
          <a href={`/s/${encodeURIComponent(report.workshop.slug)}`} target="_blank" rel="noopener noreferrer">
            {t('publicProfile')}
          </a>
        ) : (
          <span className="muted">{t('noPublicProfile')}</span>
        )}
        {' · '}
        <a href={`#/ateliers/${encodeURIComponent(report.workshop.id)}`}>{t('workshopPage')}</a>
        {report.profileHidden && <span className="badge warn">{t('profileHidden')}</span>}
      </p>
      {report.photo && (
        <figure className="photo">
          {report.photo.url ? <img src={report.photo.url} alt={report.photo.caption ?? t('photoAlt')} /> : <p className="muted">{t('photoGone')}</p>}
          <figcaption>
            {report.photo.caption ?? t('noCaption')}
            {report.photo.hidden && <span className="badge warn">{t('photoHidden')}</span>}
          </figcaption>
        </figure>
      )}
      {report.status === 'pending' ? (
        <div className="actions">
          <ActionForm title={t(photo ? 'hidePhoto' : 'hideProfile')} button={t('hide')} danger confirm={t(photo ? 'hidePhotoConfirm' : 'hideProfileConfirm', { name })} done={t('hidden')} onSubmit={(reason) => decide('hide', reason)} />
          <ActionForm title={t(photo ? 'keepPhoto' : 'keepProfile')} button={t('keep')} done={t('kept')} onSubmit={(reason) => decide('keep', reason)} />
        </div>
      ) : (
        <p className="success">
          {t(report.resolution === 'hidden' ? 'hiddenOn' : 'keptOn', { at: date(report.resolvedAt) })}
        </p>
      )}
    </article>
  );
}
