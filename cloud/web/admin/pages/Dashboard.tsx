/** The dashboard: the platform's figures in tiles, and three small charts. */
import type { AdminDashboard } from '../../../admin/dashboard/schemas.js';
import { BarChart, LineChart } from '../charts.js';
import { count, dateTime, money } from '../format.js';
import { Loading, useLoad } from '../ui.js';

const SHORT = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });

/** « 3 nov. » for a day or a week's first day, « nov. » for a month, the text itself otherwise. */
function shortLabel(text: string): string {
  if (/^\d{4}-\d{2}$/.test(text)) return MONTH.format(new Date(`${text}-01T00:00:00Z`));
  const at = Date.parse(text.length === 10 ? `${text}T12:00:00Z` : text);
  return Number.isNaN(at) ? text : SHORT.format(new Date(at));
}

function Tile({ label, value, detail, testId, href }: { label: string; value: string; detail?: string; testId?: string; href?: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-label">{label}</span>
      <strong>{value}</strong>
      {detail && <span className="muted">{detail}</span>}
      {href && <a href={href}>Voir</a>}
    </div>
  );
}

export function Dashboard() {
  const loaded = useLoad<AdminDashboard>('/admin/dashboard');
  const d = loaded.data;
  return (
    <section>
      <h1>Tableau de bord</h1>
      <Loading loaded={loaded} />
      {d && (
        <>
          <p className="muted">Chiffres du {dateTime(d.at)}</p>
          <div className="tiles">
            <Tile testId="tile-workshops" label="Ateliers" value={count(d.workshops.total)} detail={`${count(d.workshops.synced30d)} synchronisés sur 30 jours · ${count(d.workshops.newThisWeek)} nouveaux cette semaine`} />
            <Tile label="Abonnements actifs" value={count(d.subscriptions.active)} detail={d.subscriptions.activeByPlan.map((plan) => `${plan.planName} : ${count(plan.count)}`).join(' · ') || 'Aucun'} />
            <Tile label="En essai" value={count(d.subscriptions.trial)} />
            <Tile testId="tile-troubled" label="En retard ou suspendus" value={count(d.subscriptions.pastDue + d.subscriptions.suspended)} detail={`${count(d.subscriptions.pastDue)} en retard · ${count(d.subscriptions.suspended)} suspendu(s) · ${count(d.subscriptions.cancelled)} résilié(s)`} href={d.subscriptions.suspended > 0 ? '#/ateliers?status=suspended' : undefined} />
            <Tile label="Revenu mensuel récurrent" value={money(d.mrr)} />
            <Tile label="Paiements ce mois-ci" value={money(d.paymentsThisMonth.amount)} detail={`${count(d.paymentsThisMonth.count)} paiement(s)`} />
            <Tile label="Messages envoyés aujourd’hui" value={count(d.messages.today.sent)} detail={`${count(d.messages.today.failed)} en échec · 30 jours : ${count(d.messages.last30d.sent)} envoyés, ${count(d.messages.last30d.failed)} en échec`} />
            <Tile label="Crédits SMS vendus ce mois-ci" value={count(d.creditsSoldThisMonth)} />
            <Tile label="Profils publiés" value={count(d.publishedProfiles)} />
            <Tile label="Signalements à traiter" value={count(d.pendingReports)} href={d.pendingReports > 0 ? '#/moderation' : undefined} />
          </div>
          <div className="charts">
            <BarChart title="Inscriptions par semaine" points={d.charts.signupsByWeek.map((week) => ({ label: shortLabel(week.week), value: week.count }))} format={count} />
            <BarChart title="Paiements par mois" points={d.charts.paymentsByMonth.map((month) => ({ label: shortLabel(month.month), value: month.amount }))} format={money} />
            <LineChart
              title="Messages par jour"
              labels={d.charts.messagesByDay.map((day) => shortLabel(day.day))}
              series={[
                { name: 'Envoyés', className: 'sent', values: d.charts.messagesByDay.map((day) => day.sent) },
                { name: 'En échec', className: 'failed', values: d.charts.messagesByDay.map((day) => day.failed) },
              ]}
              format={count}
            />
          </div>
        </>
      )}
    </section>
  );
}
