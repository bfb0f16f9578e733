/** Text tables and a hand-written SVG line chart of scalar series (tensorgraph-summary). */
import type { ScalarSeries } from '../lib/summary/scalar_series';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

/** A run's tag as a table of steps and values, one line each. */
export function scalarTable(series: ScalarSeries): string {
  const lines = [`run ${series.run}  tag ${series.tag}  (${series.points.length} points)`, `${'step'.padStart(10)}  value`];
  for (const p of series.points) lines.push(`${String(p.step).padStart(10)}  ${formatValue(p.value)}`);
  return lines.join('\n') + '\n';
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

/** Round tick positions covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (hi === lo) { hi = lo + 1; lo -= 1; }
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  // From the tick at or below lo to the one at or above hi, so the curves sit inside the axes.
  const last = Math.ceil(hi / step - 1e-9) * step;
  for (let t = Math.floor(lo / step + 1e-9) * step; t <= last + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** An SVG line chart of the series against their steps: axes with ticks, one colored line per series, a legend. */
export function scalarChartSvg(series: readonly ScalarSeries[], title = '', width = 720, height = 420): string {
  const margin = { left: 70, right: 20, top: 40, bottom: 50 + 18 * Math.ceil(series.length / 2) };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const all = series.flatMap((s) => s.points);
  const steps = all.map((p) => p.step);
  const values = all.map((p) => p.value);
  const xTicks = niceTicks(Math.min(...steps, 0), Math.max(...steps, 1));
  const yTicks = niceTicks(Math.min(...values, Infinity), Math.max(...values, -Infinity));
  const [x0, x1] = [Math.min(xTicks[0], ...steps), Math.max(xTicks[xTicks.length - 1], ...steps)];
  const [y0, y1] = [Math.min(yTicks[0], ...values), Math.max(yTicks[yTicks.length - 1], ...values)];
  const sx = (s: number) => margin.left + ((s - x0) / (x1 - x0 || 1)) * plotW;
  const sy = (v: number) => margin.top + plotH - ((v - y0) / (y1 - y0 || 1)) * plotH;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${f(sx(t))}" x2="${f(sx(t))}" y1="${margin.top + plotH}" y2="${margin.top + plotH + 5}" stroke="black"/>`,
      `<text x="${f(sx(t))}" y="${margin.top + plotH + 18}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="black"/>`,
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="black"/>`,
    `<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 36}" text-anchor="middle">step</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.points.map((p) => `${f(sx(p.step))},${f(sy(p.value))}`).join(' ');
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"/>`);
    const lx = margin.left + (i % 2) * (plotW / 2);
    const ly = margin.top + plotH + 56 + 18 * Math.floor(i / 2);
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${lx + 30}" y="${ly}">${escapeXml(`${s.run === '.' ? '' : s.run + ': '}${s.tag}`)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
