/**
 * The audit log: every admin action, sign-in and support page, newest first, filtered by action,
 * admin, workshop and dates; « Exporter en CSV » downloads the same selection.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { auditPageSchema } from '../../../admin/audit/schemas.js';
import { AUDIT_ACTIONS } from '../../../../shared/admin/auditActions.js';
import { query } from '../api.js';
import { dateTime, targetLabel } from '../format.js';
import { Loading, Pager, useLoad } from '../ui.js';
import { translator } from '../i18n.js';
import { AUDIT_TEXTS } from '../texts/audit.js';

const t = translator(AUDIT_TEXTS);

type AuditPage = z.output<typeof auditPageSchema>;

const FILTERS = ['action', 'admin', 'workshop', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The keys whose value changed, « clé : avant → après »; a value alone when only one side exists. */
export function Diff({ before, after }: { before: unknown; after: unknown }) {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (before === null && after === null) return null;
  if (!isObject(before) || !isObject(after)) {
    return (
      <code className="diff">
        {before !== null && before !== undefined && <del>{show(before)}</del>} {after !== null && after !== undefined && <ins>{show(after)}</ins>}
      </code>
    );
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (keys.length === 0) return <span className="muted">{t('unchanged')}</span>;
  return (
    <ul className="diff">
      {keys.map((key) => (
        <li key={key}>
          <code>{key}</code> : <del>{show(before[key])}</del> → <ins>{show(after[key])}</ins>
        </li>
      ))}
    </ul>
  );
}

export function Audit({ params }: { params: URLSearchParams }) {
  const current: Filters = { action: '', admin: '', workshop: '', from: '', to: '' };
  for (const name of FILTERS) current[name] = params.get(name) ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState<Filters>(current);
  const selection = query({ ...current });
  const pageParam = page > 1 ? page : undefined;
  const loaded = useLoad<AuditPage>(`/admin/audit${query({ ...current, page: pageParam })}`);

  function apply(event: FormEvent) {
    event.preventDefault();
    window.location.hash = `#/journal${query({ ...typed })}`;
  }
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setTyped((all) => ({ ...all, [name]: event.target.value }));

  return (
    <section>
      <h1>{t('title')}</h1>
      <form className="filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="f-action">{t('action')}</label>
          <select id="f-action" value={typed.action} onChange={set('action')}>
            <option value="">{t('allActions')}</option>
            {Object.entries(AUDIT_ACTIONS).map(([name, label]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-admin">{t('admin')}</label>
          <input id="f-admin" type="search" value={typed.admin} onChange={set('admin')} />
        </div>
        <div className="field">
          <label htmlFor="f-workshop">{t('workshop')}</label>
          <input id="f-workshop" type="search" value={typed.workshop} onChange={set('workshop')} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('from')}</label>
          <input id="f-from" type="date" value={typed.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('to')}</label>
          <input id="f-to" type="date" value={typed.to} onChange={set('to')} />
        </div>
        <button type="submit" className="primary">
          {t('filter')}
        </button>
        <a className="button" href={`/api/admin/audit.csv${selection}`} download>
          {t('exportCsv')}
        </a>
      </form>
      <Loading loaded={loaded} />
      {loaded.data?.entries.length === 0 && <p className="muted">{t('empty')}</p>}
      {loaded.data && loaded.data.entries.length > 0 && (
        <div className="table-wrap">
          <table className="audit">
            <thead>
              <tr>
                <th>{t('colAt')}</th>
                <th>{t('colWho')}</th>
                <th>{t('colAction')}</th>
                <th>{t('colTarget')}</th>
                <th>{t('colReason')}</th>
                <th>{t('colChange')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
                  <td>{dateTime(entry.at)}</td>
                  <td>
                    {entry.adminEmail}
                    {entry.ip && <div className="muted">{entry.ip}</div>}
                  </td>
                  <td>{entry.actionLabel}</td>
                  <td>
                    {entry.workshopId ? <a href={`#/ateliers/${encodeURIComponent(entry.workshopId)}`}>{entry.workshopName ?? entry.workshopId}</a> : targetLabel(entry.targetType)}
                    {entry.targetType && entry.targetType !== 'workshop' && entry.targetId && <div className="muted small">{entry.workshopId ? `${targetLabel(entry.targetType)} · ` : ''}{entry.targetId}</div>}
                  </td>
                  <td>{entry.reason ?? '—'}</td>
                  <td>
                    <Diff before={entry.before} after={entry.after} />
                    {entry.detail !== null && entry.detail !== undefined && <div className="muted small">{show(entry.detail)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaded.data && <Pager page={loaded.data.page} hasMore={loaded.data.hasMore} onPage={(next) => (window.location.hash = `#/journal${query({ ...current, page: next })}`)} />}
    </section>
  );
}
