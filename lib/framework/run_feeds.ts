import type { TypedArray } from './dtypes';

/*
 * The feeds of the session run in progress. Nothing writes a feed's array until the
 * run ends: kernels never write their inputs, and a feed is no kernel's output. So a
 * kernel may keep a copy derived from one (the GEMM keeps its copy in wasm memory, and
 * the MNIST softmax step multiplies by its input batch twice) and reuse it later in the
 * same run. Not across runs (a caller may refill its array between them), and not for
 * other arrays (the buffer pool recycles outputs within a run).
 */
let feeds: ReadonlyMap<unknown, { readonly data: TypedArray }> | null = null;
let runNumber = 0;

/** Called by the executor as a run starts (with the run's feed values) and as it ends. */
export function beginRunFeeds(values: ReadonlyMap<unknown, { readonly data: TypedArray }>): void {
  feeds = values;
  runNumber++;
}

export function endRunFeeds(): void {
  feeds = null;
  runNumber++;
}

/** Whether `data` is a feed of the run in progress (a run has a few feeds: a scan costs less than a Set per run). */
export function isRunFeed(data: TypedArray): boolean {
  if (feeds === null) return false;
  for (const value of feeds.values()) if (value.data === data) return true;
  return false;
}

/** Changes whenever a run starts or ends: a copy made under one value is stale under another. */
export function currentRunNumber(): number { return runNumber; }
