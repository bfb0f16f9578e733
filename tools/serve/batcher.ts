import { NDArray } from '../../lib/framework/ndarray';
import { typedArrayFor } from '../../lib/framework/dtypes';
import type { SignatureDef } from '../../lib/saved_model/meta_graph';

/** Runs a signature's output tensors (by name) with feeds (by tensor name). */
export type RunFunction = (fetches: string[], feeds: Record<string, NDArray>) => NDArray[];

export interface BatchingOptions {
  /** How long the first request of a batch waits for others, in milliseconds. */
  windowMs: number;
  /** The most rows one run takes; a full batch runs at once. */
  maxBatchSize: number;
}

interface Pending {
  feeds: Record<string, NDArray>;
  rows: number;
  resolve(outputs: Record<string, NDArray>): void;
  reject(e: unknown): void;
}

/**
 * Batches concurrent requests for one signature into one run, as TF Serving's batching
 * does: requests arriving within windowMs of the first (up to maxBatchSize rows) are
 * concatenated along the batch dimension, run once, and each gets its own rows back.
 * Only a signature whose every input and output has an unknown first dimension batches;
 * others run per request. A failed batch is retried request by request, so one bad
 * request fails alone.
 */
export class Batcher {
  private readonly queues = new Map<string, Pending[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Runs made and requests served (the load test and the tests read them). */
  readonly stats = { runs: 0, requests: 0, largestBatch: 0 };

  constructor(private readonly run: RunFunction, private readonly options: BatchingOptions) {}

  submit(key: string, sig: SignatureDef, feeds: Record<string, NDArray>): Promise<Record<string, NDArray>> {
    return new Promise((resolve, reject) => {
      const rows = batchRows(sig, feeds);
      const item: Pending = { feeds, rows: rows ?? 0, resolve, reject };
      if (rows === null || this.options.maxBatchSize <= 1) { this.runGroup(sig, [item], false); return; }
      const queue = this.queues.get(key) ?? [];
      queue.push(item);
      this.queues.set(key, queue);
      if (queue.reduce((s, p) => s + p.rows, 0) >= this.options.maxBatchSize) this.flush(key, sig);
      else if (!this.timers.has(key)) this.timers.set(key, setTimeout(() => this.flush(key, sig), this.options.windowMs));
    });
  }

  /** Stops the pending timers (the server is closing); queued requests are run now. */
  drain(): void {
    for (const key of [...this.timers.keys()]) { clearTimeout(this.timers.get(key)!); this.timers.delete(key); }
  }

  private flush(key: string, sig: SignatureDef): void {
    const timer = this.timers.get(key);
    if (timer) { clearTimeout(timer); this.timers.delete(key); }
    const queue = this.queues.get(key) ?? [];
    const batch: Pending[] = [];
    let rows = 0;
    while (queue.length > 0 && (batch.length === 0 || rows + queue[0].rows <= this.options.maxBatchSize)) {
      const next = queue.shift()!;
      rows += next.rows;
      batch.push(next);
    }
    // Requests whose rows differ beyond the batch dimension cannot share a run.
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const shapeKey = Object.keys(sig.inputs).sort().map((k) => p.feeds[k].shape.slice(1).join('x')).join(';');
      groups.set(shapeKey, [...(groups.get(shapeKey) ?? []), p]);
    }
    for (const group of groups.values()) this.runGroup(sig, group, true);
    if (queue.length > 0) this.timers.set(key, setTimeout(() => this.flush(key, sig), 0));
  }

  private runGroup(sig: SignatureDef, group: Pending[], batched: boolean): void {
    const inKeys = Object.keys(sig.inputs), outKeys = Object.keys(sig.outputs).sort();
    const feeds: Record<string, NDArray> = {};
    for (const k of inKeys) feeds[sig.inputs[k].name] = group.length === 1 ? group[0].feeds[k] : concatRows(group.map((p) => p.feeds[k]));
    let results: NDArray[];
    try {
      this.stats.runs++;
      results = this.run(outKeys.map((k) => sig.outputs[k].name), feeds);
    } catch (e) {
      if (group.length > 1) { for (const p of group) this.runGroup(sig, [p], batched); return; }
      group[0].reject(e);
      return;
    }
    this.stats.requests += group.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, group.length);
    let offset = 0;
    for (const p of group) {
      const outputs: Record<string, NDArray> = {};
      outKeys.forEach((k, i) => { outputs[k] = group.length === 1 ? results[i] : sliceRows(results[i], offset, offset + p.rows); });
      offset += p.rows;
      p.resolve(outputs);
    }
  }
}

/** The request's row count when the signature batches (every input and output [-1, ...], all inputs with the same first dimension); else null. */
function batchRows(sig: SignatureDef, feeds: Record<string, NDArray>): number | null {
  const infos = [...Object.values(sig.inputs), ...Object.values(sig.outputs)];
  if (!infos.every((t) => !t.tensor_shape.unknown_rank && t.tensor_shape.dim.length > 0 && t.tensor_shape.dim[0].size === -1)) return null;
  const rows = new Set(Object.keys(sig.inputs).map((k) => feeds[k].shape[0]));
  return rows.size === 1 ? [...rows][0] : null;
}

function concatRows(parts: NDArray[]): NDArray {
  const first = parts[0];
  const rows = parts.reduce((s, p) => s + p.shape[0], 0);
  const shape = [rows, ...first.shape.slice(1)];
  if (first.dtype === 'string') return NDArray.fromStrings(parts.flatMap((p) => [...p.strings!]), shape);
  const data = typedArrayFor(first.dtype, parts.reduce((s, p) => s + p.size, 0));
  let at = 0;
  for (const p of parts) { data.set(p.data as never, at); at += p.size; }
  return new NDArray(data, shape, first.dtype);
}

function sliceRows(t: NDArray, from: number, to: number): NDArray {
  const rowSize = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const shape = [to - from, ...t.shape.slice(1)];
  if (t.dtype === 'string') return NDArray.fromStrings(t.strings!.slice(from, to), shape);
  return new NDArray(t.data.slice(from * rowSize, to * rowSize), shape, t.dtype);
}
