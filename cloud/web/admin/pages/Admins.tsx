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

type AdminsList = z.output<typeof adminsListSchema>;
type InviteAnswer = z.output<typeof invitedSchema>;

const ROLES: Record<string, string> = { superadmin: 'Superadmin', support: 'Assistance' };

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
      <h1>Administrateurs</h1>
      <Loading loaded={loaded} />
      {loaded.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Nom</th>
                <th>E-mail</th>
                <th>Rôle</th>
                <th>État</th>
                <th>Depuis</th>
                <th>Retirer</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.admins.map((admin) => (
                <tr key={admin.id} data-testid="admin-row">
                  <td>{admin.name}</td>
                  <td>{admin.email}</td>
                  <td>{ROLES[admin.role] ?? admin.role}</td>
                  <td>{admin.pending ? 'Invitation en attente' : admin.totpConfirmed ? 'Actif' : 'Double authentification à activer'}</td>
                  <td>
                    {date(admin.createdAt)}
                    {admin.invitedBy && <div className="muted small">invité par {admin.invitedBy}</div>}
                  </td>
                  <td>
                    {admin.id === selfId ? <span className="muted">Vous</span> : <RemoveAdmin admin={admin} onRemoved={loaded.reload} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card narrow">
        <ActionForm title="Inviter un administrateur" button="Créer l’invitation" ready={email.includes('@') && name.trim() !== ''} done="Invitation créée." onSubmit={sendInvite}>
          <label htmlFor="invite-email">E-mail</label>
          <input id="invite-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          <label htmlFor="invite-name">Nom</label>
          <input id="invite-name" required value={name} onChange={(event) => setName(event.target.value)} />
          <label htmlFor="invite-role">Rôle</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value === 'superadmin' ? 'superadmin' : 'support')}>
            <option value="support">Assistance (lecture, actions sur les ateliers)</option>
            <option value="superadmin">Superadmin (gère aussi les administrateurs)</option>
          </select>
        </ActionForm>
        {invite && (
          <div className="invite" data-testid="invite-link">
            <p>
              {invite.emailSent ? `Un e-mail est parti vers ${invite.admin.email}. ` : ''}Transmettez ce lien à {invite.admin.email} par un canal sûr ; il est valable 3 jours et ne sert qu’une fois :
            </p>
            <input readOnly aria-label="Lien d’invitation" value={invite.inviteUrl} onFocus={(event) => event.target.select()} />
            <button type="button" onClick={() => void copy()}>
              {copied ? 'Copié' : 'Copier le lien'}
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
      <summary>Retirer…</summary>
      <ActionForm title={`Retirer ${admin.name}`} button="Retirer" danger confirm={`Retirer ${admin.email} ? Ses sessions sont fermées aussitôt.`} done="Administrateur retiré." onSubmit={remove} />
    </details>
  );
}
