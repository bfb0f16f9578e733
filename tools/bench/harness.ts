import * as fs from 'fs';
import * as os from 'os';

/** One measured figure; value null means the framework could not run it (note says why). */
export interface Cell { value: number | null; note?: string }

export type PeerName = 'tfjsCpu' | 'tfjsWasm';
export const PEERS: { key: PeerName; label: string }[] = [
  { key: 'tfjsCpu', label: 'tfjs-cpu' },
  { key: 'tfjsWasm', label: 'tfjs-wasm' },
];

/** One line of the results table. */
export interface Row {
  name: string;
  unit: string;
  /** GFLOP/s: higher is better; times and sizes: lower. */
  higherIsBetter: boolean;
  tensorgraph: Cell;
  tfjsCpu?: Cell;
  tfjsWasm?: Cell;
  /** The target for tensorgraph, when it sets one. */
  target?: number;
  /** What the figure means beyond its name (how many runs, what is included). */
  detail?: string;
}

export interface BenchOptions {
  quick: boolean;
  /** Benchmark groups to run (all when empty). */
  only: Set<string>;
  /** Run the peers (TF.js) too. */
  peers: boolean;
  /** Run the TF.js CPU backend's very slow cases (one Deep MNIST step: about a minute). */
  slowPeers: boolean;
  write: boolean;
  /** File the report goes to. */
  out: string;
}

/** Wall time of fn in ms. */
export function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median wall time of fn in ms over `runs` runs after `warmup` unmeasured ones. The
 * machine is shared and noisy, so the median rather than the mean.
 */
export function medianMs(fn: () => void, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeMs(fn));
  return median(times);
}

export async function medianMsAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMsAsync(fn));
  return median(times);
}

/** Runs a measurement, turning a thrown error into a cell that says what failed. */
export async function attempt(fn: () => number | Promise<number>): Promise<Cell> {
  try {
    return { value: await fn() };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { value: null, note: `failed: ${message.split('\n')[0].slice(0, 160)}` };
  }
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  memoryGiB: number;
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1].trim();
  } catch { /* not Linux: keep os.cpus()'s name */ }
  return {
    cpuModel,
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
  };
}

/** Prints progress to stderr so stdout keeps only the table. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
