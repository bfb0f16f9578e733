import * as fs from 'fs';
import * as path from 'path';
import { Cell, MachineInfo, PEERS, Row } from './harness';

/** Formats the results as a plain-text table (stdout) and as BENCHMARKS.md. */

function formatNumber(value: number, unit: string): string {
  const digits = unit === 's' ? (value < 1 ? 3 : 2) : value >= 1000 ? 0 : value < 1 ? 2 : 1;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatCell(cell: Cell | undefined, unit: string): string {
  if (!cell) return 'not run';
  const note = cell.note ? ` (${cell.note})` : '';
  return cell.value === null ? (cell.note ?? 'n/a') : `${formatNumber(cell.value, unit)} ${unit}${note}`;
}

/** How many times better tensorgraph is than the peer (above 1: tensorgraph wins). */
export function advantage(row: Row, peer: Cell | undefined): number | null {
  const ours = row.tensorgraph.value, theirs = peer?.value;
  if (ours === null || theirs === null || theirs === undefined || ours <= 0 || theirs <= 0) return null;
  return row.higherIsBetter ? ours / theirs : theirs / ours;
}

function formatAdvantage(ratio: number | null): string {
  if (ratio === null) return '–';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}

/** 'met' or how far off, e.g. 'missed by 23%' (relative to the target). */
export function targetStatus(row: Row): string {
  if (row.target === undefined) return '';
  const v = row.tensorgraph.value;
  if (v === null) return 'not measured';
  const met = row.higherIsBetter ? v >= row.target : v <= row.target;
  if (met) return 'met';
  const off = row.higherIsBetter ? (row.target - v) / row.target : (v - row.target) / row.target;
  return `missed by ${(off * 100).toFixed(0)}%`;
}

function targetText(row: Row): string {
  return row.target === undefined ? '' : `${row.higherIsBetter ? '≥' : '≤'} ${row.target} ${row.unit}`;
}

function tableRows(rows: Row[]): string[][] {
  const header = ['benchmark', 'tensorgraph', ...PEERS.map((p) => p.label), ...PEERS.map((p) => `vs ${p.label}`), 'target', 'status'];
  const body = rows.map((r) => [
    r.name,
    formatCell(r.tensorgraph, r.unit),
    ...PEERS.map((p) => formatCell(r[p.key], r.unit)),
    ...PEERS.map((p) => formatAdvantage(advantage(r, r[p.key]))),
    targetText(r),
    targetStatus(r),
  ]);
  return [header, ...body];
}

export function plainTable(rows: Row[]): string {
  const cells = tableRows(rows);
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  return cells.map((r) => r.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

export function markdownTable(rows: Row[]): string {
  const cells = tableRows(rows).map((r) => r.map((v) => v.replace(/\|/g, '\\|')));
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(cells[0]), line(cells[0].map(() => '---')), ...cells.slice(1).map(line)].join('\n');
}

export function machineLine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB.toFixed(0)} GiB, ${m.platform}, Node ${m.node}`;
}

export interface ReportContext {
  machine: MachineInfo;
  loadAfter: number[];
  command: string;
  started: Date;
  seconds: number;
  peerVersions: string;
  implementation: string;
}

/** BENCHMARKS.md: the table, the machine, the run, then the analysis (tools/bench/analysis.md). */
export function markdownReport(rows: Row[], ctx: ReportContext): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const details = rows.filter((r) => r.detail).map((r) => `- **${r.name}**: ${r.detail}.`);
  return [
    '# Benchmarks',
    '',
    `Measured ${ctx.started.toISOString().slice(0, 10)} by \`${ctx.command}\` (${ctx.seconds.toFixed(0)} s), ` +
      'all frameworks side by side in one process on one machine, same inputs and same math.',
    '',
    `- Machine: ${machineLine(ctx.machine)}.`,
    `- Load average (1/5/15 min) at start ${load(ctx.machine.loadAverage)}, at end ${load(ctx.loadAfter)}: ` +
      'the machine is shared, so figures are medians and move by 10-30% between runs.',
    `- tensorgraph CPU backend: ${ctx.implementation}.`,
    `- Peers: ${ctx.peerVersions}.`,
    '- "vs" columns: how many times faster (or, for memory, smaller) tensorgraph is; below 1× it is slower.',
    '',
    markdownTable(rows),
    '',
    '## What each row measures',
    '',
    ...details,
    '',
    analysis(),
  ].join('\n');
}

function analysis(): string {
  for (const dir of [__dirname, path.resolve(__dirname, '..', '..', '..', 'tools', 'bench')]) {
    const file = path.join(dir, 'analysis.md');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  return '';
}
