import type { TypedArray } from './dtypes';

/*
 * The feeds of the session run in progress. Nothing writes a feed's array until the
 * run ends: kernels never write their inputs, and a feed is no kernel's output. So a
 * kernel may keep a copy derived from one (the GEMM keeps its copy in wasm memory, and
 * the MNIST softmax step multiplies by its input batch twice) and reuse it later in the
 * same run. Not across runs (a caller may refill its array between them), and not for
 * other arrays (the buffer pool recycles outputs within a run).
 */
let feeds: ReadonlySet<TypedArray> | null = null;
let runNumber = 0;

/** Called by the executor as a run starts and as it ends. */
export function beginRunFeeds(arrays: Iterable<TypedArray>): void {
  feeds = new Set(arrays);
  runNumber++;
}

export function endRunFeeds(): void {
  feeds = null;
  runNumber++;
}

/** Whether `data` is a feed of the run in progress. */
export function isRunFeed(data: TypedArray): boolean { return feeds !== null && feeds.has(data); }

/** Changes whenever a run starts or ends: a copy made under one value is stale under another. */
export function currentRunNumber(): number { return runNumber; }
