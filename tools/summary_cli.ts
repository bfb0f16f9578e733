#!/usr/bin/env node
/**
 * tensorgraph-summary: a run's scalars without TensorBoard.
 *   tensorgraph-summary LOGDIR [--tag TAG]... [--svg OUT.svg]
 * prints every scalar tag of every run under LOGDIR as a table of steps and values, and with
 * --svg draws them (or the --tag ones) as a line chart.
 */
import * as fs from 'fs';
import '../lib/index';
import { readScalarSeries } from '../lib/summary/scalar_series';
import { scalarTable, scalarChartSvg } from './summary_chart';

const USAGE = 'usage: tensorgraph-summary LOGDIR [--tag TAG]... [--svg OUT.svg] [--title TITLE]\n';

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const tags: string[] = [];
  let logdir: string | null = null;
  let svg: string | null = null;
  let title: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') { out(USAGE); return 0; }
    if (a === '--tag' || a === '--svg' || a === '--title') {
      const v = argv[++i];
      if (v === undefined) { err(`${USAGE}error: ${a} needs a value\n`); return 2; }
      if (a === '--tag') tags.push(v); else if (a === '--svg') svg = v; else title = v;
    } else if (a.startsWith('-')) { err(`${USAGE}error: unknown option ${a}\n`); return 2; } else if (logdir === null) logdir = a;
    else { err(`${USAGE}error: one LOGDIR only\n`); return 2; }
  }
  if (logdir === null) { err(`${USAGE}error: LOGDIR is required\n`); return 2; }
  if (!fs.existsSync(logdir)) { err(`error: ${logdir} does not exist\n`); return 1; }
  const series = readScalarSeries(logdir, tags);
  if (series.length === 0) { err(`no scalar summaries${tags.length ? ` tagged ${tags.join(', ')}` : ''} under ${logdir}\n`); return 1; }
  out(series.map(scalarTable).join('\n'));
  if (svg !== null) {
    fs.writeFileSync(svg, scalarChartSvg(series, title ?? (tags.length ? tags.join(', ') : logdir)));
    out(`wrote ${svg}\n`);
  }
  return 0;
}

if (require.main === module) {
  // `tensorgraph-summary logs | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
  process.exitCode = main(process.argv.slice(2));
}
