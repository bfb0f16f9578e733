import { InternalError } from '../framework/errors';
import type { DType, TypedArray } from '../framework/dtypes';
import type { NDArray } from '../framework/ndarray';
import type { Operation } from '../framework/operation';
import type { Attrs } from '../registry/op_registry';
import type { KernelContext, RandomStream, SubgraphFunc, VariableHandle } from '../registry/kernel_registry';
import type { VariableStore } from '../session/variable_store';
import { runSubgraphOnCpu } from '../session/cpu_executor';
import type { PlanStep } from '../session/plan';
import type { RunState } from '../session/run_context';
import { hostRunContext, RunContext } from '../session/run_context';
import type { GpuKernelContext, DeviceVariableHandle } from '../../kernels/gpu/types';
import { DeviceBuffer, DeviceTensor, isHostScalar } from './device_tensor';
import type { DeviceVariables } from './device_variables';

/**
 * What the contexts use of the run they serve. GpuRun provides it; naming it here
 * rather than importing GpuRun keeps this module below gpu_run.ts, which makes the
 * contexts (an import cycle otherwise).
 */
export interface ContextRun {
  readonly env: {
    readonly device: { readonly mode: string };
    /** Constants' device copies, per op, kept for the session. */
    readonly constants: Map<Operation, DeviceTensor>;
    readonly variables: DeviceVariables;
  };
  readonly state: RunState;
  launch(source: string, args: (DeviceTensor | number)[], shape: number[], dtype: DType): DeviceTensor;
  toHost(t: DeviceTensor): NDArray;
  deviceBuffer(t: DeviceTensor): DeviceBuffer;
  onCpu(index: number, step: PlanStep, inputs: DeviceTensor[], fallback: boolean): DeviceTensor[];
  runSubgraph(fn: SubgraphFunc, inputs: DeviceTensor[]): DeviceTensor[];
  keepOnly(live: DeviceTensor[]): void;
  retain(values: DeviceTensor[]): void;
  keepIterations(key: object, stack: DeviceTensor[][]): void;
  takeIterations(key: object): DeviceTensor[][] | null;
}

/*
 * Contexts are classes rather than object literals of closures: one is made per
 * step per run, and a class instance is one small allocation.
 */

/** What a gpu kernel sees of the run: launches, transfers, device variables, the op's random stream. */
export class RunGpuKernelContext implements GpuKernelContext {
  readonly op: Operation;
  readonly attrs: Attrs;
  readonly mode: string;

  constructor(private readonly run: ContextRun, private readonly index: number, private readonly step: PlanStep) {
    this.op = step.op;
    this.attrs = step.op.attrs;
    this.mode = run.env.device.mode;
  }

  launch(source: string, args: (DeviceTensor | number)[], shape: number[], dtype: DType): DeviceTensor {
    return this.run.launch(source, args, shape, dtype);
  }

  hostValue(t: DeviceTensor): NDArray { return this.run.toHost(t); }

  hostScalar(t: DeviceTensor): number | null { return isHostScalar(t) ? Number(t.host!.data[0]) : null; }

  fromHost(value: NDArray): DeviceTensor { return DeviceTensor.fromHost(value); }

  constant(value: NDArray): DeviceTensor {
    const constants = this.run.env.constants;
    let t = constants.get(this.op);
    if (!t) {
      t = DeviceTensor.fromHost(value);
      t.persistent = true;
      constants.set(this.op, t);
    }
    return t;
  }

  alias(t: DeviceTensor, shape: number[], dtype?: DType): DeviceTensor {
    const dt = dtype ?? t.dtype;
    const host = t.host && (dt === t.dtype ? t.host.reshape(shape) : t.host.astype(dt).reshape(shape));
    const a = new DeviceTensor(shape.slice(), dt, t.buffer, host);
    a.fed = t.fed;
    // A host value not yet uploaded is uploaded once, for the original and its aliases alike.
    if (!t.buffer) a.base = t;
    return a;
  }

  ref(index: number): DeviceVariableHandle { return this.variable(refName(this.step, index)); }

  variable(name: string): DeviceVariableHandle {
    const run = this.run;
    const store = run.state.variables, vars = run.env.variables;
    return {
      name,
      read: () => vars.read(store, name),
      write: (value: DeviceTensor) => {
        // A value computed on the host (or a feed) must be on the device before the run ends.
        run.deviceBuffer(value);
        vars.write(store, name, value);
      },
      isInitialized: () => vars.isInitialized(store, name),
    };
  }

  random(): RandomStream { return this.run.state.randomFor(this.op); }

  runOnHost(inputs: DeviceTensor[]): DeviceTensor[] { return this.run.onCpu(this.index, this.step, inputs, false); }

  runSubgraph(fn: SubgraphFunc, inputs: DeviceTensor[]): DeviceTensor[] { return this.run.runSubgraph(fn, inputs); }

  keepOnly(live: DeviceTensor[]): void { this.run.keepOnly(live); }

  retain(values: DeviceTensor[]): void { this.run.retain(values); }

  keepIterations(key: object, stack: DeviceTensor[][]): void { this.run.keepIterations(key, stack); }

  takeIterations(key: object): DeviceTensor[][] | null { return this.run.takeIterations(key); }
}

/** A CPU kernel's context (fallbacks and host work) whose variables see the device's newer values. */
export class RunCpuKernelContext implements KernelContext {
  readonly op: Operation;
  readonly attrs: Attrs;
  readonly run: RunContext;

  constructor(private readonly gpuRun: ContextRun, private readonly step: PlanStep) {
    this.op = step.op;
    this.attrs = step.op.attrs;
    this.run = hostRunContext(gpuRun);
  }

  ref(index: number): VariableHandle { return this.variable(refName(this.step, index)); }

  variable(name: string): VariableHandle {
    const store = this.gpuRun.state.variables, vars = this.gpuRun.env.variables;
    const h = store.handle(name);
    const sync = () => vars.syncToHost(store, name);
    return {
      name,
      read: () => { sync(); return h.read(); },
      write: (v) => h.write(v),
      writable: () => { sync(); return h.writable(); },
      rewritable: () => { sync(); return h.rewritable(); },
      isInitialized: () => vars.isInitialized(store, name),
    };
  }

  random(): RandomStream { return this.gpuRun.state.randomFor(this.op); }
  resources(): Map<string, unknown> | undefined { return this.gpuRun.state.resources; }
  output(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, true); }
  outputForOverwrite(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, false); }
  allocate(dtype: DType, size: number, zeroed: boolean): TypedArray { return this.run.allocate(dtype, size, zeroed); }

  /**
   * A cond branch or loop body of a fallen-back control-flow op runs on the host, its
   * variables seen through this context (synced from the device where newer).
   */
  runSubgraph(fn: SubgraphFunc, inputs: NDArray[]): NDArray[] {
    const variables = { handle: (name: string) => this.variable(name) } as unknown as VariableStore;
    return runSubgraphOnCpu(fn, inputs, { variables, randomFor: (op) => this.gpuRun.state.randomFor(op) });
  }
}

function refName(step: PlanStep, index: number): string {
  const name = step.refNames[index];
  if (!name) throw new InternalError(`Input ${index} of '${step.op.name}' is not a ref input`, step.op.name);
  return name;
}
