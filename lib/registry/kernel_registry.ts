import { container, singleton } from './container';
import { callerLocation, Attrs } from './op_registry';
import { AlreadyExistsError } from '../framework/errors';
import type { NDArray } from '../framework/ndarray';
import type { DType, TypedArray } from '../framework/dtypes';
import type { Operation } from '../framework/operation';
import type { Tensor } from '../framework/tensor';

/** A variable as a ref-input kernel sees it (Assign, ApplyAdam, ...). */
export interface VariableHandle {
  readonly name: string;
  /** The variable's value; FailedPreconditionError if it was never initialized. */
  read(): NDArray;
  /** Replaces the value (takes ownership of the array). */
  write(value: NDArray): void;
  /**
   * A buffer for an in-place update, holding the current value. The change is
   * committed only when the whole run succeeds, so a failed run changes nothing.
   */
  writable(): NDArray;
  /**
   * For an update that computes every element of the new value from the old one: `out`
   * is a staged buffer of the variable's shape with unspecified contents, which the
   * kernel must overwrite entirely; `old` is the current value. Saves writable()'s copy
   * of the old value into the staged buffer. When the variable was already updated
   * earlier in this run, both are that staged buffer, so a loop must read element i of
   * `old` before it writes element i of `out` (element-wise loops do).
   */
  rewritable(): { old: NDArray; out: NDArray };
  isInitialized(): boolean;
}

/** Random state a kernel draws from: one stream per op and session, seeded as TF1 seeds ops. */
export interface RandomStream {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

/**
 * A sub-graph a control-flow op runs (a cond branch, a while loop's cond or body): the
 * tensors it is fed, in the op's order, and the tensors it returns. It lives in the
 * same Graph, and the session plans and runs it with the same planner and executor.
 */
export interface SubgraphFunc {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  /** On a loop body: a WhileGrad will want each iteration's loop vars, so the While keeps them for its run. */
  readonly keepIterations?: boolean;
}

/** The run a kernel is part of. */
export interface RunInfo {
  /** Unique per run across the process: a copy derived from a feed under one id is stale under another. */
  readonly id: number;
  /**
   * Whether `data` is a feed of this run. Nothing writes a feed's array until the run
   * ends (kernels never write their inputs, and a feed is no kernel's output), so a
   * kernel may keep something derived from one for later in the same run; not across
   * runs (the caller may refill the array), and not for other arrays (the run recycles
   * outputs).
   */
  isFeed(data: TypedArray): boolean;
}

export interface KernelContext {
  readonly op: Operation;
  readonly attrs: Attrs;
  /** The variable behind ref input `index` (see OpDef.refInputs). */
  ref(index: number): VariableHandle;
  /** A variable of the session by its VariableV2 op's name. */
  variable(name: string): VariableHandle;
  random(): RandomStream;
  /**
   * A zero-filled output. During a session run it may be a recycled buffer of a value
   * the run no longer needs, so a kernel must not keep it after returning, nor use it
   * for scratch it keeps between calls.
   */
  output(shape: readonly number[], dtype: DType): NDArray;
  /** As output(), with unspecified contents: for kernels that write every element. */
  outputForOverwrite(shape: readonly number[], dtype: DType): NDArray;
  /** The same allocator, for helpers that build typed arrays (zero-filled when `zeroed`). */
  allocate(dtype: DType, size: number, zeroed: boolean): TypedArray;
  readonly run: RunInfo;
  /**
   * Runs a sub-graph inside this run, with this run's variables and random streams:
   * `inputs[i]` feeds `fn.inputs[i]`; returns `fn.outputs`' values. Given by session
   * runs (not by standalone kernel calls).
   */
  runSubgraph?(fn: SubgraphFunc, inputs: NDArray[]): NDArray[];
  /**
   * The session's resources by name: state a stateful kernel keeps between runs (tf.data
   * iterators), per session, dropped when it closes. Absent outside a session.
   */
  resources?(): Map<string, unknown> | undefined;
}

/** A CPU kernel: reads its inputs (never modifies them) and returns new outputs. */
export type CpuKernel = (inputs: NDArray[], ctx: KernelContext) => NDArray | NDArray[];

export interface KernelEntry<K = unknown> { opType: string; backend: string; kernel: K }

@singleton()
export class KernelRegistry {
  private readonly kernels = new Map<string, { entry: KernelEntry; where: string }>();

  register<K>(opType: string, backend: string, kernel: K): void {
    this.assertFree(opType, backend);
    this.kernels.set(`${backend}:${opType}`, { entry: { opType, backend, kernel }, where: callerLocation() });
  }

  /** Throws AlreadyExistsError, saying where the first registration came from, if taken. */
  assertFree(opType: string, backend: string): void {
    const prior = this.kernels.get(`${backend}:${opType}`);
    if (prior) throw new AlreadyExistsError(`A ${backend} kernel for '${opType}' is already registered (first at ${prior.where})`);
  }

  get<K = unknown>(opType: string, backend: string): K | undefined {
    return this.kernels.get(`${backend}:${opType}`)?.entry.kernel as K | undefined;
  }

  opTypes(backend: string): string[] {
    return [...this.kernels.values()].filter((k) => k.entry.backend === backend).map((k) => k.entry.opType);
  }
}

export function kernelRegistry(): KernelRegistry { return container.resolve(KernelRegistry); }
