import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from './atomic_write';

/**
 * The 'checkpoint' state file TF keeps beside checkpoints, in TF's text format:
 *   model_checkpoint_path: "model.ckpt-3"
 *   all_model_checkpoint_paths: "model.ckpt-2"
 *   all_model_checkpoint_paths: "model.ckpt-3"
 * Paths inside the same directory are written relative to it, so the folder can move.
 */
export interface CheckpointState {
  model_checkpoint_path: string;
  all_model_checkpoint_paths: string[];
}

function quote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

function unquote(s: string): string {
  return s.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch));
}

function relativeTo(dir: string, p: string): string {
  return path.resolve(path.dirname(p)) === path.resolve(dir) ? path.basename(p) : path.resolve(p);
}

export function writeCheckpointState(dir: string, state: CheckpointState, latestFilename = 'checkpoint'): void {
  const lines = [`model_checkpoint_path: ${quote(relativeTo(dir, state.model_checkpoint_path))}`];
  for (const p of state.all_model_checkpoint_paths) lines.push(`all_model_checkpoint_paths: ${quote(relativeTo(dir, p))}`);
  writeFileAtomic(path.join(dir, latestFilename), lines.join('\n') + '\n');
}

/**
 * tf.train.get_checkpoint_state: the state file's contents with paths resolved against
 * `dir`, or null when there is none or it cannot be parsed (TF ignores such a file too).
 */
export function get_checkpoint_state(dir: string, latestFilename = 'checkpoint'): CheckpointState | null {
  let text: string;
  try { text = fs.readFileSync(path.join(dir, latestFilename), 'utf8'); } catch { return null; }
  let latest: string | null = null;
  const all: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(\w+)\s*:\s*"((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!m) return null;
    const value = path.resolve(dir, unquote(m[2]));
    if (m[1] === 'model_checkpoint_path') latest = value;
    else if (m[1] === 'all_model_checkpoint_paths') all.push(value);
  }
  if (latest === null) return null;
  return { model_checkpoint_path: latest, all_model_checkpoint_paths: all };
}
