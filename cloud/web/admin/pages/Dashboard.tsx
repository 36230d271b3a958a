/** The dashboard: the platform's figures in tiles, and three small charts. */
import type { AdminDashboard } from '../../../admin/dashboard/schemas.js';
import { BarChart, LineChart } from '../charts.js';
import { count, dateTime, money } from '../format.js';
import { translator } from '../i18n.js';
import { DASHBOARD_TEXTS } from '../texts/dashboard.js';
import { Loading, useLoad } from '../ui.js';

const t = translator(DASHBOARD_TEXTS);
const SHORT = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });

/** « 3 nov. » for a day or a week's Monday, « nov. » for a month, the text itself otherwise. */
function shortLabel(value: string): string {
  if (/^\d{4}-\d{2}$/.test(value)) return MONTH.format(new Date(`${value}-01T00:00:00Z`));
  const at = Date.parse(value.length === 10 ? `${value}T12:00:00Z` : value);
  return Number.isNaN(at) ? value : SHORT.format(new Date(at));
}

function Tile({ label, value, detail, testId, href }: { label: string; value: string; detail?: string; testId?: string; href?: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-label">{label}</span>
      <strong>{value}</strong>
      {detail && <span className="muted">{detail}</span>}
      {href && <a href={href}>{t('see')}</a>}
    </div>
  );
}

export function Dashboard() {
  const loaded = useLoad<AdminDashboard>('/admin/dashboard');
  const d = loaded.data;
  return (
    <section>
      <h1>{t('title')}</h1>
      <Loading loaded={loaded} />
      {d && (
        <>
          <p className="muted">{t('at', { at: dateTime(d.at) })}</p>
          <div className="tiles">
            <Tile testId="tile-workshops" label={t('workshops')} value={count(d.workshops.total)} detail={t('workshopsDetail', { synced: count(d.workshops.synced30d), fresh: count(d.workshops.newThisWeek) })} />
            <Tile label={t('active')} value={count(d.subscriptions.active)} detail={d.subscriptions.activeByPlan.map((plan) => t('planCount', { plan: plan.planName, count: count(plan.count) })).join(' · ') || t('none')} />
            <Tile label={t('trial')} value={count(d.subscriptions.trial)} />
            <Tile
              testId="tile-troubled"
              label={t('troubled')}
              value={count(d.subscriptions.pastDue + d.subscriptions.suspended)}
              detail={t('troubledDetail', { pastDue: count(d.subscriptions.pastDue), suspended: count(d.subscriptions.suspended), cancelled: count(d.subscriptions.cancelled) })}
              href={d.subscriptions.suspended > 0 ? '#/ateliers?status=suspended' : undefined}
            />
            <Tile label={t('mrr')} value={money(d.mrr)} />
            <Tile label={t('payments')} value={money(d.paymentsThisMonth.amount)} detail={t('paymentsDetail', { count: count(d.paymentsThisMonth.count) })} />
            <Tile label={t('messages')} value={count(d.messages.today.sent)} detail={t('messagesDetail', { failed: count(d.messages.today.failed), sent30: count(d.messages.last30d.sent), failed30: count(d.messages.last30d.failed) })} />
            <Tile label={t('credits')} value={count(d.creditsSoldThisMonth)} />
            <Tile label={t('profiles')} value={count(d.publishedProfiles)} />
            <Tile label={t('reports')} value={count(d.pendingReports)} href={d.pendingReports > 0 ? '#/moderation' : undefined} />
          </div>
          <div className="charts">
            <BarChart title={t('signups')} points={d.charts.signupsByWeek.map((week) => ({ label: shortLabel(week.week), value: week.count }))} format={count} />
            <BarChart title={t('paid')} points={d.charts.paymentsByMonth.map((month) => ({ label: shortLabel(month.month), value: month.amount }))} format={money} />
            <LineChart
              title={t('messagesByDay')}
              labels={d.charts.messagesByDay.map((day) => shortLabel(day.day))}
              series={[
                { name: t('sent'), className: 'sent', values: d.charts.messagesByDay.map((day) => day.sent) },
                { name: t('failed'), className: 'failed', values: d.charts.messagesByDay.map((day) => day.failed) },
              ]}
              format={count}
            />
          </div>
        </>
      )}
    </section>
  );
}
