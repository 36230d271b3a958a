/**
 * The workshop's message credits, for the owner and the staff: the cloud's balance, or offline the
 * last one known with the time it was read. A short line in the composer, a card (with the latest
 * movements) on the messages settings.
 */
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { dateTime } from '../../ui/format.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { useCredits } from './useCredits.js';
import type { CreditEntry, CreditsView } from '../../../../../shared/host/channels.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Crédits de messages',
    balance: 'Crédits : {n}',
    unknown: 'Crédits : inconnus pour l’instant (pas encore de connexion).',
    asOf: 'dernier solde connu, le {when}',
    empty: 'Plus de crédits : les messages attendront. Les e-mails restent gratuits.',
    low: 'Il reste peu de crédits.',
    explain: '1 crédit par SMS de 160 caractères (70 avec des caractères hors GSM), 1 par message WhatsApp ; les e-mails sont gratuits. Un envoi échoué est remboursé.',
    movements: 'Derniers mouvements',
    grant: 'Crédits offerts',
    purchase: 'Achat de crédits',
    message: 'Message envoyé',
    refund: 'Remboursement d’un envoi échoué',
  },
  en: {
    title: 'Message credits',
    balance: 'Credits: {n}',
    unknown: 'Credits: not known yet (no connection so far).',
    asOf: 'last known balance, on {when}',
    empty: 'No credits left: messages will wait. Emails stay free.',
    low: 'Few credits left.',
    explain: '1 credit per SMS of 160 characters (70 with characters outside GSM), 1 per WhatsApp message; emails are free. A failed send is refunded.',
    movements: 'Latest movements',
    grant: 'Credits granted',
    purchase: 'Credits bought',
    message: 'Message sent',
    refund: 'Refund of a failed send',
  },
});

const LOW = 5;

type EntryKind = 'grant' | 'purchase' | 'message' | 'refund';
const ENTRY_KINDS: readonly string[] = ['grant', 'purchase', 'message', 'refund'] satisfies EntryKind[];

function BalanceLine({ credits }: { credits: CreditsView }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  if (credits.balance === null) return <span data-testid="credits-balance" data-live="false">{t.unknown}</span>;
  return (
    <span data-testid="credits-balance" data-live={credits.live ? 'true' : 'false'} data-balance={credits.balance}>
      <strong>{fill(t.balance, { n: credits.balance })}</strong>
      {!credits.live && credits.checkedAt ? <span className="muted"> ({fill(t.asOf, { when: dateTime(credits.checkedAt, locale) })})</span> : null}
    </span>
  );
}

/** One line: "Crédits : 48" (offline: with the date of the last known balance). */
export function CreditsLine() {
  const can = useCan();
  const allowed = can('messages', 'create');
  const { credits } = useCredits(allowed);
  if (!allowed || !credits) return null;
  return <p className="msg-credits-line"><BalanceLine credits={credits} /></p>;
}

function entryLabel(entry: CreditEntry, t: Readonly<Record<keyof (typeof TEXTS)['fr'], string>>): string {
  return ENTRY_KINDS.includes(entry.kind) ? t[entry.kind as EntryKind] : entry.kind;
}

/** The card of the messages settings: balance, how credits are counted, the latest movements. */
export function CreditsCard() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const allowed = can('messages', 'create');
  const { credits, error } = useCredits(allowed);
  if (!allowed) return null;
  return (
    <section className="card" aria-labelledby="credits-title" data-testid="credits-card">
      <h2 id="credits-title" style={{ marginTop: 0 }}>{t.title}</h2>
      {credits ? <p><BalanceLine credits={credits} /></p> : error ? <p className="muted">{error.message}</p> : null}
      {credits?.balance === 0 ? <p className="msg-warn">{t.empty}</p> : credits && credits.balance !== null && credits.balance <= LOW ? <p className="msg-warn">{t.low}</p> : null}
      <p className="muted">{t.explain}</p>
      {credits && credits.entries.length > 0 ? (
        <>
          <h3>{t.movements}</h3>
          <ul className="list msg-ledger">
            {credits.entries.slice(0, 10).map((e, i) => (
              <li key={`${e.createdAt}-${i}`} className="spread">
                <span>{entryLabel(e, t)} <span className="muted">· {dateTime(e.createdAt, locale)}</span></span>
                <span className={`amount${e.amount < 0 ? ' due' : ''}`}>{e.amount > 0 ? `+${e.amount}` : e.amount}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
