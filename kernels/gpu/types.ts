/**
 * The form of a gpu.js kernel in tensorgraph, for built-in ops and custom ops alike
 * (OpSpec.gpu). See docs/gpu-backend.md for a worked example.
 *
 * A GpuKernel receives the op's inputs as DeviceTensors and returns its outputs the
 * same way. It does its work by launching gpu.js kernels through `ctx.launch`:
 *
 *   const MySwish: GpuKernel = ([x], ctx) => ctx.launch(
 *     `function(x) { const v = x[this.thread.x]; return v / (1 + Math.exp(-v)); }`,
 *     [x], x.shape, 'float32');
 *
 * Rules a launch follows, whatever the op:
 * - one thread per output element; `this.thread.x` is its flat row-major index;
 * - every tensor argument is seen flat (1-D): index it with a computed flat offset;
 *   a number argument is a uniform, read as a plain value (see launch);
 * - the source is gpu.js's JavaScript subset, as text, with shapes baked in as
 *   literals (helpers in kernels/gpu/codegen.ts write the index arithmetic), so a
 *   kernel compiles once per op and shape and is then reused from the cache;
 * - values are float32 on the device; integer and bool results must be exact
 *   integers (0/1 for bool), which float32 holds exactly up to 2^24;
 * - device values are shared (aliases, variables): never modify an input.
 */
import type { DType } from '../../lib/framework/dtypes';
import type { NDArray } from '../../lib/framework/ndarray';
import type { Operation } from '../../lib/framework/operation';
import type { Attrs } from '../../lib/registry/op_registry';
import type { RandomStream, SubgraphFunc } from '../../lib/registry/kernel_registry';
import type { DeviceTensor } from '../../lib/gpu/device_tensor';

export type { DeviceTensor } from '../../lib/gpu/device_tensor';

/** A variable as a gpu kernel sees it: its value stays on the device between runs. */
export interface DeviceVariableHandle {
  readonly name: string;
  /** The current value (FailedPreconditionError when uninitialized). */
  read(): DeviceTensor;
  /** Stages a new value; committed only if the whole run succeeds. */
  write(value: DeviceTensor): void;
  isInitialized(): boolean;
}

export interface GpuKernelContext {
  readonly op: Operation;
  readonly attrs: Attrs;
  /** The gpu.js mode running the kernels: 'headlessgl', 'webgl2', 'webgl', 'webasm' or 'cpu'. */
  readonly mode: string;
  /**
   * Runs one gpu.js kernel over device values and returns its output, which stays
   * on the device. `source` is a gpu.js kernel function as text. A number argument
   * is passed as a uniform (read it as a plain value, not indexed): a host scalar
   * sent that way needs no upload, and a new value needs no recompile.
   */
  launch(source: string, args: (DeviceTensor | number)[], shape: number[], dtype: DType): DeviceTensor;
  /** A host scalar's value, or null when the tensor is not a single element on the host only (see launch). */
  hostScalar(t: DeviceTensor): number | null;
  /**
   * The value on the host, for small control inputs (axes, shapes, sizes). Reads it
   * back from the device when it lives only there (counted as a readback).
   */
  hostValue(t: DeviceTensor): NDArray;
  /** A value computed on the host; it is uploaded when a device kernel first needs it. */
  fromHost(value: NDArray): DeviceTensor;
  /** A value fixed for the life of the compiled program (Const): uploaded once, reused every run. */
  constant(value: NDArray): DeviceTensor;
  /** The same storage under another shape or dtype label: no copy, no launch. */
  alias(t: DeviceTensor, shape: number[], dtype?: DType): DeviceTensor;
  /** The variable behind ref input `index`. */
  ref(index: number): DeviceVariableHandle;
  /** A variable of the session by its VariableV2 op's name. */
  variable(name: string): DeviceVariableHandle;
  /** The op's random stream, shared with the CPU backend's so both draw the same numbers. */
  random(): RandomStream;
  /**
   * Runs the op's CPU kernel on host copies of the inputs: for ops that are host work
   * by nature (drawing from the session's random stream, shape arithmetic).
   */
  runOnHost(inputs: DeviceTensor[]): DeviceTensor[];
  /**
   * Runs a control-flow sub-graph (cond branch, loop body) as a device run: inputs and
   * outputs stay device values; its ops without a gpu kernel fall back one by one.
   */
  runSubgraph?(fn: SubgraphFunc, inputs: DeviceTensor[]): DeviceTensor[];
  /** Frees the device values this step's sub-runs made, except `live`'s (a loop's current vars). */
  keepOnly?(live: DeviceTensor[]): void;
  /** Keeps the values' device storage until the session run ends (past keepOnly and the step). */
  retain?(values: DeviceTensor[]): void;
  /** A differentiated loop's iterations, for the WhileGrad of the same run (values retained first). */
  keepIterations?(key: object, stack: DeviceTensor[][]): void;
  /** The iterations kept under `key` in this run (taken), or null. */
  takeIterations?(key: object): DeviceTensor[][] | null;
}

/** A gpu kernel: device values in, device values out; never modifies its inputs. */
export type GpuKernel = (inputs: DeviceTensor[], ctx: GpuKernelContext) => DeviceTensor | DeviceTensor[];
