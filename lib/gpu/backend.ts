import type { NDArray } from '../framework/ndarray';
import type { Tensor } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import type { DType } from '../framework/dtypes';
import { UnimplementedError } from '../framework/errors';
import { kernelRegistry, CpuKernel, SubgraphFunc } from '../registry/kernel_registry';
import { opRegistry } from '../registry/op_registry';
import type { Backend } from '../session/backend';
import { compilePlan, Plan } from '../session/plan';
import type { RunState } from '../session/run_context';
import type { VariableStore } from '../session/variable_store';
import type { GpuKernel } from '../../kernels/gpu/types';
import { GpuDevice, GpuMode } from './device';
import { DeviceVariables } from './device_variables';
import { DeviceTensor } from './device_tensor';
import { GpuCounters, GpuProgram, GpuRun, readbackTensor } from './gpu_run';
import { toDeviceFloats } from './transfer';
import { DeviceBuffer } from './device_tensor';

/** Op types already warned about (once per process, as the warning promises). */
const warned = new Set<string>();

/**
 * Runs plans as chains of gpu.js kernels. Intermediate values stay on the device,
 * variables stay there across runs, feeds are uploaded once per run and only
 * fetched values are read back. An op with no gpu kernel runs its CPU kernel, with
 * a one-time warning naming it.
 */
export class GpuBackend implements Backend {
  readonly name = 'gpu';
  readonly description: string;
  readonly device: GpuDevice;
  readonly counters: GpuCounters = { compiles: 0, launches: 0, uploads: 0, readbacks: 0, hostSteps: 0, cpuFallbacks: 0 };
  private readonly constants = new Map<Operation, DeviceTensor>();
  private readonly owned: DeviceBuffer[] = [];
  private readonly deviceVariables: DeviceVariables;
  private store: VariableStore | null = null;
  /** Per-op-type device time, collected while set (each step then waits for the device: for measuring only). */
  profile: Map<string, { ms: number; steps: number }> | null = null;
  /** Told of every host/device transfer and the op it served, while set. */
  trace: ((event: string) => void) | null = null;
  private released = false;

  constructor(readonly mode: GpuMode) {
    this.device = GpuDevice.get(mode);
    this.description = `gpu (gpu.js ${mode}, ${this.device.renderer})`;
    this.deviceVariables = new DeviceVariables(
      (value) => this.uploadNow(value),
      (t) => readbackTensor(t, this.counters),
    );
  }

  prepare(plan: Plan): GpuProgram {
    const kernels: (GpuKernel | null)[] = [];
    const cpuKernels: (CpuKernel | null)[] = [];
    for (const step of plan.steps) {
      // Its own kernels, registered under its name (every gpu.js mode shares them); the CPU kernel is the fallback.
      const gpu = kernelRegistry().get<GpuKernel>(step.op.type, this.name) ?? null;
      const cpu = kernelRegistry().get<CpuKernel>(step.op.type, 'cpu') ?? null;
      if (!gpu && !cpu) {
        throw new UnimplementedError(`No gpu or CPU kernel registered for op '${step.op.name}' (op type: ${step.op.type})`, step.op.name);
      }
      // Strings live on the host only (string ops, summaries): running those there is the plan, not a fallback.
      const stringOp = touchesStrings(step.op);
      if (!gpu && !stringOp) this.warnCpu(step.op, 'it has no gpu kernel');
      // The device holds float32: a step on a dtype it cannot hold exactly runs its CPU kernel (docs/dtypes.md).
      const hostOnly = gpu ? hostOnlyDType(step.op) : null;
      if (hostOnly && !stringOp) this.warnCpu(step.op, `the device holds float32, not ${hostOnly}`);
      kernels.push(hostOnly ? null : gpu);
      cpuKernels.push(cpu);
    }
    const hostFoldable = plan.steps.map((step) => {
      const def = opRegistry().get(step.op.type);
      return step.op.inputs.length > 0 && !def.stateful && !(def.refInputs?.length);
    });
    return { kernels, cpuKernels, hostFoldable } as GpuProgram;
  }

  execute(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): (NDArray | null)[] {
    this.store = state.variables;
    const run = new GpuRun(
      { device: this.device, constants: this.constants, owned: this.owned, counters: this.counters, variables: this.deviceVariables, profile: this.profile, trace: this.trace,
        warnCpu: (op, why) => this.warnCpu(op, why), subProgram: (fn) => this.subProgram(fn) },
      plan, program as GpuProgram, state);
    return run.run(feeds);
  }

  private readonly subPrograms = new WeakMap<SubgraphFunc, { plan: Plan; program: GpuProgram }>();

  /** A cond branch's or loop body's plan and program: compiled on first use, reused by every iteration and run. */
  private subProgram(fn: SubgraphFunc): { plan: Plan; program: GpuProgram } {
    let c = this.subPrograms.get(fn);
    if (!c) {
      const plan = compilePlan([...fn.outputs], fn.inputs);
      c = { plan, program: this.prepare(plan) };
      this.subPrograms.set(fn, c);
    }
    return c;
  }

  /** The device copies of variables a run wrote are kept with the host's staged writes, or dropped with them. */
  commitRun(): void { this.deviceVariables.commit(); }
  rollbackRun(): void { this.deviceVariables.rollback(); }

  /**
   * Copies every variable the device wrote since the host last saw it into the
   * session's VariableStore. Runs never need it; code that reads the store directly
   * (outside sess.run) does.
   */
  syncVariablesToHost(store: VariableStore | null = this.store): void {
    if (store) this.deviceVariables.flushToHost(store);
  }

  /** Names of variables whose newest value is on the device only. */
  variablesNewerOnDevice(store: VariableStore | null = this.store): string[] {
    return store ? this.deviceVariables.newerOnDevice(store) : [];
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.deviceVariables.clear();
    for (const b of this.owned) b.release();
    this.owned.length = 0;
    this.constants.clear();
  }

  private warnCpu(op: Operation, why: string): void {
    const key = `${op.type}: ${why}`;
    if (warned.has(key)) return;
    warned.add(key);
    console.warn(`tensorgraph: op type ${op.type} runs on the CPU in the gpu backend (${why}); first seen at '${op.name}'`);
  }

  /** Uploads a host value now (a variable's, kept on the device across runs). */
  private uploadNow(value: NDArray): DeviceTensor {
    const floats = toDeviceFloats(value, 'A variable uploaded to the gpu');
    const { value: data, compiled, producer } = this.device.upload(floats.length ? floats : new Float32Array(1));
    if (compiled) this.counters.compiles++;
    this.counters.uploads++;
    return new DeviceTensor(value.shape.slice(), value.dtype, new DeviceBuffer(data, floats.length, producer), null);
  }
}

/**
 * float64 would lose its precision in float32 textures, float16 its rounding, and int16/int8/uint16
 * their wrap-around (the device computes integers in float32 and wraps only on readback).
 */
const DEVICE_DTYPES: ReadonlySet<DType> = new Set<DType>(['float32', 'int32', 'int64', 'uint8', 'bool']);

/** The first dtype of op's inputs or outputs that the device cannot hold, or null. */
export function hostOnlyDType(op: Operation): DType | null {
  for (const t of [...op.inputs, ...op.outputs]) if (!DEVICE_DTYPES.has(t.dtype)) return t.dtype;
  return null;
}

/** True for an op with a string input or output: such ops run on the host by design. */
export function touchesStrings(op: Operation): boolean {
  return [...op.inputs, ...op.outputs].some((t) => t.dtype === 'string');
}
