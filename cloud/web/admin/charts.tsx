/**
 * Small inline SVG charts (no library): bars for one series, lines for one or two. Colours come
 * from styles.css (classes), so the page's CSP needs no inline style.
 */
import { translator } from './i18n.js';
import { COMMON_TEXTS } from './texts/common.js';

const t = translator(COMMON_TEXTS);
const W = 320;
const H = 140;
const PAD = { top: 10, right: 8, bottom: 22, left: 8 };

export interface Point {
  label: string;
  value: number;
}

function axisLabels(labels: string[]) {
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const inner = W - PAD.left - PAD.right;
  return labels.map((label, index) =>
    (labels.length - 1 - index) % step === 0 ? (
      <text key={index} className="axis" x={PAD.left + (inner * (index + 0.5)) / labels.length} y={H - 6} textAnchor="middle">
        {label}
      </text>
    ) : null,
  );
}

export function BarChart({ title, points, format }: { title: string; points: Point[]; format(value: number): string }) {
  const max = Math.max(1, ...points.map((point) => point.value));
  const inner = W - PAD.left - PAD.right;
  const height = H - PAD.top - PAD.bottom;
  const slot = inner / Math.max(1, points.length);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <line className="base" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        {points.map((point, index) => {
          const h = (point.value / max) * height;
          return (
            <rect key={index} className="bar" x={PAD.left + index * slot + slot * 0.15} width={slot * 0.7} y={H - PAD.bottom - h} height={Math.max(h, point.value > 0 ? 1 : 0)}>
              <title>{t('chartPoint', { label: point.label, value: format(point.value) })}</title>
            </rect>
          );
        })}
        {axisLabels(points.map((point) => point.label))}
      </svg>
      <p className="chart-max muted">{t('chartMax', { value: format(points.every((p) => p.value === 0) ? 0 : max) })}</p>
    </figure>
  );
}

export interface Series {
  name: string;
  className: string;
  values: number[];
}

export function LineChart({ title, labels, series, format }: { title: string; labels: string[]; series: Series[]; format(value: number): string }) {
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const inner = W - PAD.left - PAD.right;
  const height = H - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (inner * (index + 0.5)) / Math.max(1, labels.length);
  const y = (value: number) => H - PAD.bottom - (value / max) * height;
  return (
    <figure className="chart">
      <figcaption>
        {title}
        <span className="legend">
          {series.map((line) => (
            <span key={line.name} className={`key ${line.className}`}>
              {line.name}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <line className="base" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        {series.map((line) => (
          <polyline key={line.name} className={`line ${line.className}`} points={line.values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ')}>
            <title>{t('chartTotal', { name: line.name, value: format(line.values.reduce((a, b) => a + b, 0)) })}</title>
          </polyline>
        ))}
        {axisLabels(labels)}
      </svg>
      <p className="chart-max muted">{t('chartMax', { value: format(series.every((line) => line.values.every((v) => v === 0)) ? 0 : max) })}</p>
    </figure>
  );
}
