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

type ReportsPage = z.output<typeof reportsPageSchema>;
type ReportAnswer = z.output<typeof reportAnswerSchema>;

export function Moderation() {
  const [status, setStatus] = useState<'pending' | 'resolved'>('pending');
  const [page, setPage] = useState(1);
  const loaded = useLoad<ReportsPage>(`/admin/reports${query({ status, page })}`);
  const [decided, setDecided] = useState<Record<string, ReportView>>({});

  return (
    <section>
      <h1>Modération</h1>
      <div className="tabs" role="tablist" aria-label="Signalements">
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
            {value === 'pending' ? 'À traiter' : 'Traités'}
          </button>
        ))}
      </div>
      <Loading loaded={loaded} />
      {loaded.data && loaded.data.reports.length === 0 && <p className="muted">{status === 'pending' ? 'Aucun signalement à traiter.' : 'Aucun signalement traité.'}</p>}
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
  const target = report.photo ? 'la photo' : 'le profil';
  async function decide(kind: 'hide' | 'keep', reason: string) {
    const answer = await api<ReportAnswer>(`/admin/reports/${encodeURIComponent(report.id)}/${kind}`, { json: { reason } });
    onDecided(answer.report);
  }
  return (
    <article className="card report" data-testid="report" data-status={report.status}>
      <header>
        <h2>
          {report.reasonLabel} — {report.workshop.name}
          {report.workshop.city ? ` (${report.workshop.city})` : ''}
        </h2>
        <p className="muted">
          Signalé le {dateTime(report.createdAt)}
          {report.othersPending > 0 && ` · ${report.othersPending} autre(s) signalement(s) en attente sur ${target}`}
        </p>
      </header>
      {report.details && <blockquote>{report.details}</blockquote>}
      <p>
        {report.workshop.slug ? (
          <a href={`/s/${encodeURIComponent(report.workshop.slug)}`} target="_blank" rel="noopener noreferrer">
            Voir le profil public
          </a>
        ) : (
          <span className="muted">Pas de profil public</span>
        )}
        {' · '}
        <a href={`#/ateliers/${encodeURIComponent(report.workshop.id)}`}>Fiche de l’atelier</a>
        {report.profileHidden && <span className="badge warn">Profil masqué</span>}
      </p>
      {report.photo && (
        <figure className="photo">
          {report.photo.url ? <img src={report.photo.url} alt={report.photo.caption ?? 'Photo signalée'} /> : <p className="muted">La photo n’est plus dans l’annuaire.</p>}
          <figcaption>
            {report.photo.caption ?? 'Sans légende'}
            {report.photo.hidden && <span className="badge warn">Photo masquée</span>}
          </figcaption>
        </figure>
      )}
      {report.status === 'pending' ? (
        <div className="actions">
          <ActionForm title={`Masquer ${target}`} button="Masquer" danger confirm={`Masquer ${target} de « ${report.workshop.name} » dans l’annuaire ?`} done="Masqué." onSubmit={(reason) => decide('hide', reason)} />
          <ActionForm title={`Garder ${target}`} button="Garder" done="Gardé." onSubmit={(reason) => decide('keep', reason)} />
        </div>
      ) : (
        <p className="success">
          {report.resolution === 'hidden' ? 'Masqué' : 'Gardé'} le {date(report.resolvedAt)}
        </p>
      )}
    </article>
  );
}
