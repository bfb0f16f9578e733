import * as fs from 'fs';
import * as path from 'path';
import { summary_iterator } from './summary_iterator';

export interface ScalarPoint { step: number; wall_time: number; value: number }
/** One curve: a run (the events file's folder under logdir, '.' for logdir itself) and a tag. */
export interface ScalarSeries { run: string; tag: string; points: ScalarPoint[] }

/** Every events file under logdir, by run folder, oldest first. */
export function eventFilesByRun(logdir: string): Map<string, string[]> {
  const runs = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.includes('tfevents')) {
        const run = path.relative(logdir, dir) || '.';
        runs.set(run, [...(runs.get(run) ?? []), full]);
      }
    }
  };
  walk(logdir);
  return runs;
}

/**
 * The simple_value scalars of every run under logdir (what TensorBoard's scalars tab draws), per
 * run and tag in the order first seen; `tags` keeps only those tags.
 */
export function readScalarSeries(logdir: string, tags: readonly string[] = []): ScalarSeries[] {
  const out: ScalarSeries[] = [];
  for (const [run, files] of eventFilesByRun(logdir)) {
    const byTag = new Map<string, ScalarPoint[]>();
    for (const file of files) {
      for (const event of summary_iterator(file)) {
        if (event.what.case !== 'summary') continue;
        for (const v of event.what.value.value) {
          if (v.value.case !== 'simpleValue' || (tags.length > 0 && !tags.includes(v.tag))) continue;
          if (!byTag.has(v.tag)) byTag.set(v.tag, []);
          byTag.get(v.tag)!.push({ step: Number(event.step), wall_time: event.wallTime, value: v.value.value });
        }
      }
    }
    for (const [tag, points] of byTag) out.push({ run, tag, points });
  }
  return out;
}
