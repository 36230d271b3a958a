/**
 * Team and devices (owner): invite staff or viewers by phone (a code to pass on), change roles,
 * remove access, and the list of devices with the removal of a lost one. Needs the internet.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { INVITED_ROLES, ROLES, ROLE_LABELS, isRole, type InvitedRole } from '../../../../../shared/domain/roleTable.js';
import { ConfirmButton, ErrorBanner, Field, Page, Select } from '../../ui/components.js';
import { dateTime, phoneDisplay, shortDate } from '../../ui/format.js';
import type { ChannelResults, HostErrorShape } from '../../../../../shared/host/channels.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Équipe et appareils',
    members: 'Membres',
    invite: 'Inviter quelqu’un',
    phone: 'Téléphone',
    name: 'Nom',
    role: 'Rôle',
    send: 'Créer l’invitation',
    code: 'Code d’invitation : {code} — à transmettre à la personne (valable jusqu’au {until}). Elle l’entre dans « J’ai un code d’invitation ».',
    roleOf: '{role} — {name}',
    pending: 'Invitations en attente',
    remove: 'Retirer l’accès',
    removeQuestion: 'Retirer l’accès de ce membre ? Ses appareils ne pourront plus synchroniser avec son compte.',
    cancel: 'Annuler',
    noAccount: '· sans compte',
    devices: 'Appareils',
    lastSeen: 'vu {when}',
    removeDevice: 'Retirer l’appareil',
    removeDeviceQuestion: 'Appareil perdu ou volé ? À sa prochaine connexion, il verrouillera et effacera les données de l’atelier.',
    revoked: 'retiré',
    offline: 'Cette page a besoin d’Internet.',
  },
  en: {
    title: 'Team and devices',
    members: 'Members',
    invite: 'Invite someone',
    phone: 'Phone',
    name: 'Name',
    role: 'Role',
    send: 'Create the invitation',
    code: 'Invitation code: {code} — pass it on (valid until {until}). They enter it under “I have an invitation code”.',
    roleOf: '{role} — {name}',
    pending: 'Pending invitations',
    remove: 'Remove access',
    removeQuestion: 'Remove this member’s access? Their devices will no longer sync with their account.',
    cancel: 'Cancel',
    noAccount: '· no account',
    devices: 'Devices',
    lastSeen: 'seen {when}',
    removeDevice: 'Remove device',
    removeDeviceQuestion: 'Lost or stolen device? At its next connection it will lock and erase the workshop’s data.',
    revoked: 'removed',
    offline: 'This page needs the internet.',
  },
});

/** The role chosen in the invitation form (staff unless viewer was picked). */
function invitedRole(value: string | undefined): InvitedRole {
  return INVITED_ROLES.find((r) => r === value) ?? 'staff';
}

export function TeamScreen() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const roles = ROLE_LABELS[locale];
  const [team, setTeam] = useState<ChannelResults['team.members'] | null>(null);
  const [devices, setDevices] = useState<ChannelResults['team.devices'] | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [inviteError, setInviteError] = useState<HostErrorShape | null>(null);
  const [code, setCode] = useState<ChannelResults['team.invite'] | null>(null);
  const load = useCallback(async () => {
    try {
      setTeam(await host.invoke('team.members'));
      setDevices(await host.invoke('team.devices'));
      setError(null);
    } catch (e) {
      setError(asError(e));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await load();
    } catch (e) {
      setError(asError(e));
    }
  };
  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setInviteError(null);
    try {
      setCode(await host.invoke('team.invite', { phone: form.phone ?? '', name: form.name ?? '', role: invitedRole(form.role) }));
      await load();
    } catch (e) {
      setInviteError(asError(e));
    }
  };
  return (
    <Page title={t.title}>
      <ErrorBanner error={error} />
      <section className="card">
        <h2>{t.members}</h2>
        <ul className="list">
          {(team?.members ?? []).map((m) => (
            <li key={m.id} className="spread">
              <span>
                <strong>{m.name}</strong> <span className="muted">{phoneDisplay(m.phone)} {m.hasAccount ? '' : t.noAccount}</span>
              </span>
              <span className="row">
                <select aria-label={fill(t.roleOf, { role: t.role, name: m.name })} value={m.role} onChange={(e) => { const role = e.target.value; if (isRole(role)) void act(() => host.invoke('team.setRole', { memberId: m.id, role })); }}>
                  {ROLES.map((r) => <option key={r} value={r}>{roles[r]}</option>)}
                </select>
                <ConfirmButton label={t.remove} question={t.removeQuestion} confirm={t.remove} cancel={t.cancel} className="small danger" onConfirm={() => void act(() => host.invoke('team.remove', { memberId: m.id }))} />
              </span>
            </li>
          ))}
        </ul>
        {team && team.invites.length > 0 ? (
          <>
            <h2>{t.pending}</h2>
            <ul className="list">
              {team.invites.map((i) => (
                <li key={i.id}>{i.name} · {phoneDisplay(i.phone)} · {roles[i.role]}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <form className="card" onSubmit={invite} noValidate>
        <h2>{t.invite}</h2>
        <div className="grid three">
          <Field label={t.phone} name="phone" type="tel" required error={inviteError} />
          <Field label={t.name} name="name" required error={inviteError} />
          <Select label={t.role} name="role" options={INVITED_ROLES.map((r) => ({ value: r, label: roles[r] }))} error={inviteError} />
        </div>
        <ErrorBanner error={inviteError && !['phone', 'name', 'role'].includes(inviteError.field ?? '') ? inviteError : null} />
        {code ? <p className="badge ok" role="status" data-testid="invite-code">{fill(t.code, { code: code.code, until: shortDate(code.expiresAt, locale) })}</p> : null}
        <button type="submit" className="primary">{t.send}</button>
      </form>
      <section className="card">
        <h2>{t.devices}</h2>
        <ul className="list">
          {(devices?.devices ?? []).map((d) => (
            <li key={d.id} className="spread">
              <span>
                <strong>{d.code}</strong> · {d.name} <span className="muted">· {d.memberName ?? ''} · {fill(t.lastSeen, { when: dateTime(d.lastSeenAt, locale) })}</span>
                {d.revoked ? <span className="badge late"> {t.revoked}</span> : null}
              </span>
              {!d.revoked ? (
                <ConfirmButton label={t.removeDevice} question={t.removeDeviceQuestion} confirm={t.removeDevice} cancel={t.cancel} className="small danger" onConfirm={() => void act(() => host.invoke('team.removeDevice', { deviceId: d.id }))} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
