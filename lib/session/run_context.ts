import { NDArray, sizeOf } from '../framework/ndarray';
import { DType, TypedArray, typedArrayFor } from '../framework/dtypes';
import { InternalError } from '../framework/errors';
import type { KernelContext, RandomStream, RunInfo, VariableHandle } from '../registry/kernel_registry';
import type { Operation } from '../framework/operation';
import type { Attrs } from '../registry/op_registry';
import type { VariableStore } from './variable_store';
import type { BufferPool } from './buffer_pool';

/** Where a run's kernel outputs come from: the session's BufferPool, or fresh arrays. */
export type OutputAllocator = (dtype: DType, size: number, zeroed: boolean) => TypedArray;

/** Fresh arrays are zero-filled whether asked or not. */
export const freshArrays: OutputAllocator = (dtype, size) => typedArrayFor(dtype, size);

/** Ids are handed out once and never reused: the counter holds no run's state. */
let lastRunId = 0;

/**
 * One run's own state: its id, its feeds and where its kernels' outputs come from.
 * Built per run, a run nested in a kernel getting its own, so two sessions, or a run
 * and a run nested in one of its kernels, never see each other's feeds or buffers.
 */
export class RunContext implements RunInfo {
  readonly id = ++lastRunId;

  constructor(private readonly feeds: readonly TypedArray[], readonly allocate: OutputAllocator = freshArrays) {}

  /** A run has a few feeds: a scan costs less than building a Set per run. */
  isFeed(data: TypedArray): boolean {
    const feeds = this.feeds;
    for (let i = 0; i < feeds.length; i++) if (feeds[i] === data) return true;
    return false;
  }

  output(shape: readonly number[], dtype: DType, zeroed: boolean): NDArray {
    return new NDArray(this.allocate(dtype, sizeOf(shape), zeroed), shape, dtype);
  }
}

const hostRuns = new WeakMap<object, RunContext>();

/**
 * The RunContext for the host steps of a run some other backend drives (the gpu.js
 * backend's run object): one per such run, fresh arrays, and no feeds reported (which
 * only costs the GEMM a copy it could have reused).
 */
export function hostRunContext(owner: object): RunContext {
  let run = hostRuns.get(owner);
  if (!run) hostRuns.set(owner, (run = new RunContext([])));
  return run;
}

export interface StandaloneOptions {
  /** Arrays the kernel may treat as the run's feeds. */
  feeds?: readonly TypedArray[];
  allocate?: OutputAllocator;
  /** The InternalError's message when the kernel asks for variables or random streams. */
  noStateMessage?: string;
}

/**
 * A context for calling a CPU kernel outside a session (tests, shape-only probes): a
 * run of its own with fresh outputs; no variables or random streams.
 */
export function standaloneKernelContext(op: Operation, options: StandaloneOptions = {}): KernelContext {
  return new StandaloneKernelContext(op, new RunContext(options.feeds ?? [], options.allocate), options.noStateMessage);
}

class StandaloneKernelContext implements KernelContext {
  readonly attrs: Attrs;

  constructor(readonly op: Operation, readonly run: RunContext, private readonly noStateMessage?: string) {
    this.attrs = op.attrs;
  }

  ref(): VariableHandle { return this.noState(); }
  variable(): VariableHandle { return this.noState(); }
  random(): RandomStream { return this.noState(); }
  output(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, true); }
  outputForOverwrite(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, false); }
  allocate(dtype: DType, size: number, zeroed: boolean): TypedArray { return this.run.allocate(dtype, size, zeroed); }

  private noState(): never {
    throw new InternalError(this.noStateMessage ??
      `'${this.op.name}' (${this.op.type}) needs a session's variables or random streams; its kernel ran outside a session`,
    this.op.name);
  }
}

/** Per-session state a kernel may touch: variables and random streams; and the session's recycled buffers. */
export interface RunState {
  readonly variables: VariableStore;
  randomFor(op: Operation): RandomStream;
  readonly buffers?: BufferPool;
  /** Named state kernels keep between runs (KernelContext.resources); not rolled back by a failed run, as TF's resources. */
  readonly resources?: Map<string, unknown>;
}
