/**
 * The public page's statistics for the owner (online only): views, WhatsApp and call taps per
 * day over the last 30 days, as a small inline SVG chart, with the totals. Offline, it says so.
 */
import { useCallback, useEffect, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { ErrorBanner } from '../../ui/components.js';
import { shortDate } from '../../ui/format.js';
import type { DirectoryStats, HostErrorShape } from '../../../../../shared/host/channels.js';
import { DIRECTORY_TEXTS } from './directoryTexts.js';
import { chartGeometry } from './statsChart.js';

const DAYS = 30;

export function StatsPanel() {
  const t = useTexts(DIRECTORY_TEXTS);
  const [stats, setStats] = useState<DirectoryStats | null | undefined>(undefined);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const load = useCallback(() => {
    setError(null);
    setStats(undefined);
    host
      .invoke('directory.stats', { days: DAYS })
      .then(setStats)
      .catch((e: unknown) => {
        setError(asError(e));
        setStats(null);
      });
  }, []);
  useEffect(load, [load]);

  return (
    <section className="d-stats" aria-labelledby="d-stats-title">
      <h2 id="d-stats-title">{t.statsTitle}</h2>
      <ErrorBanner error={error} />
      {stats === undefined ? <p className="loading" aria-busy="true">{t.statsLoading}</p> : null}
      {stats === null && !error ? <p className="card muted" data-testid="stats-offline">{t.statsOffline}</p> : null}
      {stats === null ? <button type="button" onClick={load}>{t.retry}</button> : null}
      {stats ? <StatsChart stats={stats} /> : null}
    </section>
  );
}

function StatsChart({ stats }: { stats: DirectoryStats }) {
  const t = useTexts(DIRECTORY_TEXTS);
  const { locale } = useLocale();
  const g = chartGeometry(stats.days);
  const from = stats.days[0]?.day;
  const to = stats.days.at(-1)?.day;
  const label = from && to ? fill(t.chartLabel, { from: shortDate(from, locale), to: shortDate(to, locale) }) : t.statsTitle;
  return (
    <div className="card" data-testid="stats-chart">
      <svg viewBox={`0 0 ${g.width} ${g.height}`} width="100%" role="img" aria-label={label} className="d-chart">
        <line x1={0} y1={g.height - 4} x2={g.width} y2={g.height - 4} className="d-axis" />
        {g.bars.map((b) => (
          <rect key={b.day} x={b.x} y={b.y} width={b.width} height={b.height} className="d-bar">
            <title>{`${shortDate(b.day, locale)} · ${t.views} ${b.views}`}</title>
          </rect>
        ))}
        <polyline points={g.whatsapp} className="d-line-whatsapp" fill="none" />
        <polyline points={g.calls} className="d-line-calls" fill="none" />
      </svg>
      {from && to ? (
        <p className="d-chart-dates muted" aria-hidden="true">
          <span>{shortDate(from, locale)}</span>
          <span>{shortDate(to, locale)}</span>
        </p>
      ) : null}
      <h3>{t.totals}</h3>
      <dl className="d-totals" data-testid="stats-totals">
        <div><dt><span className="d-key d-key-views" aria-hidden="true" />{t.views}</dt><dd>{stats.totals.views}</dd></div>
        <div><dt><span className="d-key d-key-whatsapp" aria-hidden="true" />{t.whatsappTaps}</dt><dd>{stats.totals.whatsappTaps}</dd></div>
        <div><dt><span className="d-key d-key-calls" aria-hidden="true" />{t.callTaps}</dt><dd>{stats.totals.callTaps}</dd></div>
      </dl>
    </div>
  );
}
