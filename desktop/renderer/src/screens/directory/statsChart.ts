/**
 * The statistics chart's geometry, apart from React so that it can be checked: bars for the
 * views, lines for the WhatsApp and call taps, on one scale from 0 to the day's highest count.
 */
import type { DirectoryStatsDay } from '../../../../../shared/host/channels.js';

export interface ChartGeometry {
  width: number;
  height: number;
  max: number;
  bars: { x: number; y: number; width: number; height: number; day: string; views: number }[];
  whatsapp: string;
  calls: string;
}

export const CHART = { width: 320, height: 140, padTop: 8, padBottom: 4 } as const;

export function chartGeometry(days: readonly DirectoryStatsDay[]): ChartGeometry {
  const { width, height, padTop, padBottom } = CHART;
  const max = Math.max(1, ...days.map((d) => Math.max(d.views, d.whatsappTaps, d.callTaps)));
  const slot = days.length ? width / days.length : width;
  const usable = height - padTop - padBottom;
  const y = (value: number) => padTop + usable - (value / max) * usable;
  const centre = (i: number) => Math.round((i + 0.5) * slot * 10) / 10;
  const line = (pick: (d: DirectoryStatsDay) => number) => days.map((d, i) => `${centre(i)},${Math.round(y(pick(d)) * 10) / 10}`).join(' ');
  return {
    width,
    height,
    max,
    bars: days.map((d, i) => {
      const top = y(d.views);
      return { x: Math.round((i * slot + slot * 0.15) * 10) / 10, y: Math.round(top * 10) / 10, width: Math.round(slot * 0.7 * 10) / 10, height: Math.round((padTop + usable - top) * 10) / 10, day: d.day, views: d.views };
    }),
    whatsapp: line((d) => d.whatsappTaps),
    calls: line((d) => d.callTaps),
  };
}
