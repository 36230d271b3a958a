/**
 * The platform's admins (superadmins only): the list, an invitation (its link shown to pass on),
 * and removing an admin — with a reason and a confirmation.
 */
import { useState } from 'react';
import type { z } from 'zod';
import type { TeamAdmin, adminsListSchema, invitedSchema } from '../../../admin/team/schemas.js';
import { api } from '../api.js';
import { date } from '../format.js';
import { ActionForm, Loading, useLoad } from '../ui.js';
import { translator } from '../i18n.js';
import { ADMINS_TEXTS } from '../texts/audit.js';

const t = translator(ADMINS_TEXTS);

type AdminsList = z.output<typeof adminsListSchema>;
type InviteAnswer = z.output<typeof invitedSchema>;

const ROLES: Record<string, string> = { superadmin: t('superadmin'), support: t('support') };

export function Admins({ selfId }: { selfId: string }) {
  const loaded = useLoad<AdminsList>('/admin/admins');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'support' | 'superadmin'>('support');
  const [invite, setInvite] = useState<InviteAnswer | null>(null);
  const [copied, setCopied] = useState(false);

  async function sendInvite(reason: string) {
    const answer = await api<InviteAnswer>('/admin/admins', { json: { email: email.trim(), name: name.trim(), role, reason } });
    setInvite(answer);
    setCopied(false);
    setEmail('');
    setName('');
    loaded.reload();
  }

  async function copy() {
    if (!invite) return;
    await navigator.clipboard?.writeText(invite.inviteUrl).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <section>
      <h1>{t('title')}</h1>
      <Loading loaded={loaded} />
      {loaded.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('colName')}</th>
                <th>{t('colEmail')}</th>
                <th>{t('colRole')}</th>
                <th>{t('colState')}</th>
                <th>{t('colSince')}</th>
                <th>{t('colRemove')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.admins.map((admin) => (
                <tr key={admin.id} data-testid="admin-row">
                  <td>{admin.name}</td>
                  <td>{admin.email}</td>
                  <td>{ROLES[admin.role] ?? admin.role}</td>
                  <td>{t(admin.pending ? 'pending' : admin.totpConfirmed ? 'active' : 'noTotp')}</td>
                  <td>
                    {date(admin.createdAt)}
                    {admin.invitedBy && <div className="muted small">{t('invitedBy', { email: admin.invitedBy })}</div>}
                  </td>
                  <td>
                    {admin.id === selfId ? <span className="muted">{t('you')}</span> : <RemoveAdmin admin={admin} onRemoved={loaded.reload} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card narrow">
        <ActionForm title={t('inviteTitle')} button={t('invite')} ready={email.includes('@') && name.trim() !== ''} done={t('invited')} onSubmit={sendInvite}>
          <label htmlFor="invite-email">{t('email')}</label>
          <input id="invite-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          <label htmlFor="invite-name">{t('name')}</label>
          <input id="invite-name" required value={name} onChange={(event) => setName(event.target.value)} />
          <label htmlFor="invite-role">{t('role')}</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value === 'superadmin' ? 'superadmin' : 'support')}>
            <option value="support">{t('roleSupport')}</option>
            <option value="superadmin">{t('roleSuperadmin')}</option>
          </select>
        </ActionForm>
        {invite && (
          <div className="invite" data-testid="invite-link">
            <p>
              {invite.emailSent && `${t('emailSent', { email: invite.admin.email })} `}
              {t('passLink', { email: invite.admin.email })}
            </p>
            <input readOnly aria-label={t('link')} value={invite.inviteUrl} onFocus={(event) => event.target.select()} />
            <button type="button" onClick={() => void copy()}>
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function RemoveAdmin({ admin, onRemoved }: { admin: TeamAdmin; onRemoved(): void }) {
  async function remove(reason: string) {
    await api(`/admin/admins/${encodeURIComponent(admin.id)}/remove`, { json: { reason } });
    onRemoved();
  }
  return (
    <details className="remove">
      <summary>{t('removeOpen')}</summary>
      <ActionForm title={t('removeTitle', { name: admin.name })} button={t('remove')} danger confirm={t('removeConfirm', { email: admin.email })} done={t('removed')} onSubmit={remove} />
    </details>
  );
}
