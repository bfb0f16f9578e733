import { NDArray, sizeOf } from '../framework/ndarray';
import { InternalError, InvalidArgumentError } from '../framework/errors';
import type { DType } from '../framework/dtypes';
import type { Tensor } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import type { CpuKernel, SubgraphFunc } from '../registry/kernel_registry';
import type { Plan, PlanStep } from '../session/plan';
import type { RunState } from '../session/run_context';
import { attributeError } from '../session/cpu_executor';
import type { GpuKernel } from '../../kernels/gpu/types';
import { RunGpuKernelContext, RunCpuKernelContext } from './kernel_contexts';
import { DeviceBuffer, DeviceTensor, isHostScalar } from './device_tensor';
import type { GpuDevice } from './device';
import type { DeviceVariables } from './device_variables';
import { EXACT_INT_LIMIT, fromDeviceFloats, toDeviceFloats } from './transfer';

/** What the backend counts: the test suite checks a training loop compiles, uploads and reads back only what it must. */
export interface GpuCounters {
  /** gpu.js kernels compiled (first use of an op at a shape). */
  compiles: number;
  /** gpu.js kernel launches. */
  launches: number;
  /** Host-to-device copies (feeds, constants once, host-computed values). */
  uploads: number;
  /** Device-to-host copies (fetched values, CPU fallbacks' inputs, host-side control values). */
  readbacks: number;
  /** Steps a gpu kernel handed to the op's CPU kernel on purpose (random draws, shape arithmetic). */
  hostSteps: number;
  /** Steps that fell back to the CPU kernel: an op with no gpu kernel, or too large for the device's index arithmetic. */
  cpuFallbacks: number;
}

/** A compiled plan for the gpu backend: per step, a gpu kernel or the CPU kernel to fall back on. */
export interface GpuProgram {
  kernels: (GpuKernel | null)[];
  cpuKernels: (CpuKernel | null)[];
  /** Per step: a pure op whose CPU kernel may run instead when all its inputs are small host values. */
  hostFoldable: boolean[];
}

/** Thrown by a launch whose output is too big for exact float32 index arithmetic: the step runs on the CPU instead. */
export class TooLargeForDevice extends Error {}

export interface RunEnv {
  device: GpuDevice;
  /** Constants' device copies, made once per session and reused by every plan and run. */
  constants: Map<Operation, DeviceTensor>;
  /** Buffers the session holds (constants' uploads): freed when the backend is released. */
  owned: DeviceBuffer[];
  counters: GpuCounters;
  /** When set, told of every upload and readback with the op it served (for finding stray transfers). */
  trace: ((event: string) => void) | null;
  /** When set, each step waits for the device and its time is added here by op type (for benchmarks). */
  profile: Map<string, { ms: number; steps: number }> | null;
  variables: DeviceVariables;
  warnCpu(op: Operation, why: string): void;
  /** A control-flow sub-graph's plan and gpu program, compiled once per sub-graph. */
  subProgram(fn: SubgraphFunc): { plan: Plan; program: GpuProgram };
}

/**
 * One execution of a plan on the device. Slots hold DeviceTensors; every buffer a
 * slot holds is released after the slot's last reader, and whatever is left over
 * (scratch, uploads of host values) is freed when the run ends.
 */
export class GpuRun {
  private readonly values: (DeviceTensor | null)[];
  /** The buffer each slot holds a reference to (a host value uploaded later is not the slot's). */
  private readonly held: (DeviceBuffer | null)[];
  private readonly created: DeviceBuffer[] = [];
  private readonly readbackCache = new Map<DeviceTensor, NDArray>();

  constructor(
    readonly env: RunEnv,
    private readonly plan: Plan,
    private readonly program: GpuProgram,
    readonly state: RunState,
  ) {
    this.values = new Array(plan.numSlots).fill(null);
    this.held = new Array(plan.numSlots).fill(null);
  }

  /** Runs every step and returns the fetched values on the host. */
  run(feeds: Map<Tensor, NDArray>): (NDArray | null)[] {
    try {
      for (const { tensor, slot } of this.plan.feedSlots) {
        const t = DeviceTensor.fromHost(feeds.get(tensor)!);
        t.fed = true;
        this.store(slot, t);
      }
      const { steps } = this.plan;
      for (let i = 0; i < steps.length; i++) this.runStep(i, steps[i]);
      this.current = null;
      return this.plan.fetchSlots.map((s) => (s >= 0 ? this.toHost(this.values[s]!) : null));
    } finally {
      for (let s = 0; s < this.values.length; s++) this.releaseSlot(s);
      this.releaseRetained();
      this.sweep(0, true);
    }
  }

  /**
   * Runs the plan of a control-flow sub-graph fed device values, and returns its outputs on
   * the device, each holding one hold for the caller (see GpuRun.runSubgraph).
   */
  private runFed(fn: SubgraphFunc, inputs: DeviceTensor[]): DeviceTensor[] {
    try {
      // Not marked fed: a loop's small host values (a counter) stay host work in the sub-run.
      for (const { tensor, slot } of this.plan.feedSlots) this.store(slot, inputs[fn.inputs.indexOf(tensor)]);
      const { steps } = this.plan;
      for (let i = 0; i < steps.length; i++) this.runStep(i, steps[i]);
      this.current = null;
      const out = this.plan.fetchSlots.map((s, i) => (s >= 0 ? this.values[s]! : inputs[fn.inputs.indexOf(fn.outputs[i])]));
      for (const t of out) if (t.buffer && !t.buffer.isFreed) t.buffer.hold();
      return out;
    } finally {
      for (let s = 0; s < this.values.length; s++) this.releaseSlot(s);
      this.releaseRetained();
      this.sweep(0, true);
    }
  }

  /**
   * A cond branch or loop body run on the device: a GpuRun of its sub-plan sharing this
   * run's variables and random streams. Its outputs stay on the device; their buffers pass
   * to this run and are freed after the current step (or by keepOnly) unless a slot holds them.
   */
  runSubgraph(fn: SubgraphFunc, inputs: DeviceTensor[]): DeviceTensor[] {
    // A large float32 host value (a feed) is uploaded once here, not once per iteration by each sub-run;
    // integers are left to the steps that use them (an int64 beyond 2^24 that only host steps read must not go up).
    for (const t of inputs) {
      if (t.dtype === 'float32' && t.host && !(t.buffer && !t.buffer.isFreed) && (t.fed || t.size > HOST_FOLD_LIMIT)) this.deviceBuffer(t);
    }
    const { plan, program } = this.env.subProgram(fn);
    // A loop's vars are held by nothing between iterations: the sub-run's release of its feeds must not free them.
    const inputBuffers = inputs.map((t) => (t.buffer && !t.buffer.isFreed ? t.buffer.hold() : null));
    let out: DeviceTensor[];
    try {
      out = new GpuRun(this.env, plan, program, this.state).runFed(fn, inputs);
    } finally {
      for (const b of inputBuffers) b?.handOff();
    }
    for (const t of out) {
      if (!t.buffer || t.buffer.isFreed) continue;
      this.created.push(t.buffer);
      t.buffer.handOff();
    }
    return out;
  }

  /** Frees what the current step's sub-runs made, except the storage of `live` (a loop's vars). */
  keepOnly(live: DeviceTensor[]): void {
    const kept = live.map((t) => t.buffer).filter((b): b is DeviceBuffer => !!b && !b.isFreed);
    for (const b of kept) b.hold();
    this.sweep(this.stepMark);
    for (const b of kept) b.handOff();
  }

  /** Where the current step's buffers begin in `created`. */
  private stepMark = 0;

  /** Buffers kept past their step for a later one of this run (a loop's forward stack), released when the run ends. */
  private readonly retained: DeviceBuffer[] = [];
  private readonly keptForRun = new Map<object, DeviceTensor[][]>();

  /** Keeps each value's device storage until this run ends. */
  retain(values: DeviceTensor[]): void {
    for (const t of values) if (t.buffer && !t.buffer.isFreed) this.retained.push(t.buffer.hold());
  }

  /** Keeps a differentiated loop's iterations (their storage retained) for the WhileGrad of this run. */
  keepIterations(key: object, stack: DeviceTensor[][]): void { this.keptForRun.set(key, stack); }

  /** The iterations kept under `key` in this run (taken: each is read once), or null. */
  takeIterations(key: object): DeviceTensor[][] | null {
    const stack = this.keptForRun.get(key) ?? null;
    this.keptForRun.delete(key);
    return stack;
  }

  private releaseRetained(): void {
    for (const b of this.retained) b.release();
    this.retained.length = 0;
    this.keptForRun.clear();
  }

  private runStep(index: number, step: PlanStep): void {
    const inputs = step.inputSlots.map((slot) => (slot >= 0 ? this.values[slot]! : (null as unknown as DeviceTensor)));
    const mark = this.created.length;
    this.stepMark = mark;
    this.current = step;
    const t0 = this.env.profile ? performance.now() : 0;
    let outputs: DeviceTensor[];
    try {
      const gpu = this.program.kernels[index];
      try {
        if (!gpu) outputs = this.onCpu(index, step, inputs, true);
        // Shape arithmetic on small values computed on the host (a dynamic batch's sizes): the CPU kernel, no transfers.
        else if (this.program.hostFoldable[index] && isSmallHostWork(inputs)) outputs = this.onCpu(index, step, inputs, false);
        else outputs = this.asList(gpu(inputs, new RunGpuKernelContext(this, index, step)), step);
      } catch (e) {
        if (!(e instanceof TooLargeForDevice)) throw e;
        this.env.warnCpu(step.op, e.message);
        outputs = this.onCpu(index, step, inputs, true);
      }
    } catch (e) {
      throw attributeError(e, step.op);
    }
    if (this.env.profile) {
      this.env.device.finish();
      const p = this.env.profile.get(step.op.type) ?? { ms: 0, steps: 0 };
      p.ms += performance.now() - t0;
      p.steps++;
      this.env.profile.set(step.op.type, p);
    }
    for (let j = 0; j < step.outputSlots.length; j++) {
      const slot = step.outputSlots[j];
      if (slot >= 0) this.store(slot, outputs[j]);
    }
    for (const slot of step.release) this.releaseSlot(slot);
    // Scratch made by this step and held by nothing (multi-pass partials, unused outputs) goes now.
    this.sweep(mark);
  }

  private asList(out: DeviceTensor | DeviceTensor[], step: PlanStep): DeviceTensor[] {
    const list = Array.isArray(out) ? out : [out];
    if (list.length !== step.op.outputs.length) {
      throw new InternalError(`gpu kernel for '${step.op.name}' (${step.op.type}) returned ${list.length} outputs, expected ${step.op.outputs.length}`, step.op.name);
    }
    return list;
  }

  private store(slot: number, t: DeviceTensor): void {
    this.releaseSlot(slot);
    this.values[slot] = t;
    this.held[slot] = t.buffer ? t.buffer.hold() : null;
  }

  private releaseSlot(slot: number): void {
    const b = this.held[slot];
    this.values[slot] = null;
    this.held[slot] = null;
    if (b) b.release();
  }

  /** Frees buffers made since `from` that nothing holds; uploads of host values stay until the run ends. */
  private sweep(from: number, atEnd = false): void {
    const keep: DeviceBuffer[] = [];
    for (let i = from; i < this.created.length; i++) {
      const b = this.created[i];
      if (b.isHeld || b.isFreed) { if (!b.isFreed && !atEnd) keep.push(b); continue; }
      if (!atEnd && this.stickyUploads.has(b)) { keep.push(b); continue; }
      b.free();
    }
    this.created.length = from;
    if (!atEnd) this.created.push(...keep);
    else this.stickyUploads.clear();
  }

  private readonly stickyUploads = new Set<DeviceBuffer>();
  /** The step running now, for the trace. */
  private current: PlanStep | null = null;

  // ----- device access -----

  /** The buffer of a tensor, uploading its host value on first device use. */
  deviceBuffer(t: DeviceTensor): DeviceBuffer {
    if (t.buffer && !t.buffer.isFreed) return t.buffer;
    if (t.base) return (t.buffer = this.deviceBuffer(t.base));
    const host = t.host;
    if (!host) throw new InternalError('a device value was used after it was freed');
    const floats = toDeviceFloats(host, 'A value uploaded to the gpu');
    const { value, compiled, producer } = this.env.device.upload(floats.length ? floats : new Float32Array(1));
    if (compiled) this.env.counters.compiles++;
    this.env.counters.uploads++;
    this.env.trace?.(`upload ${host.dtype}[${host.shape}] for ${this.current ? `'${this.current.op.name}' (${this.current.op.type})` : 'a feed'}`);
    const buf = new DeviceBuffer(value, floats.length, producer);
    t.buffer = buf;
    if (t.persistent) {
      this.env.owned.push(buf.hold());
    } else {
      this.created.push(buf);
      this.stickyUploads.add(buf);
    }
    return buf;
  }

  launch(source: string, args: (DeviceTensor | number)[], shape: number[], dtype: DType): DeviceTensor {
    const n = sizeOf(shape);
    if (n === 0) return DeviceTensor.fromHost(NDArray.zeros(shape, dtype));
    const sizes = args.map((a) => (typeof a === 'number' ? 1 : a.size));
    if (n > EXACT_INT_LIMIT || sizes.some((m) => m > EXACT_INT_LIMIT)) {
      throw new TooLargeForDevice(`it has ${Math.max(n, ...sizes)} elements, more than the 2^24 ` +
        'the gpu backend indexes exactly in float32');
    }
    // Numbers go in as uniforms: a new value needs no upload and no recompile.
    const values = args.map((a) => (typeof a === 'number' ? a : (a.size === 0 ? this.emptyStandIn() : this.deviceBuffer(a)).data));
    const key = args.map((a) => (typeof a === 'number' ? -1 : Math.max(a.size, 1)));
    const { kernel, compiled } = this.env.device.kernel(source, n, key);
    if (compiled) this.env.counters.compiles++;
    this.env.counters.launches++;
    let out: unknown;
    try {
      out = kernel.kernel(...values);
    } catch (e) {
      throw new InternalError(`gpu.js failed to ${compiled ? 'compile' : 'run'} a kernel: ${(e as Error).message}\n--- kernel source ---\n${source}`);
    }
    const buf = new DeviceBuffer(out, n, kernel.outputMade());
    this.created.push(buf);
    return new DeviceTensor(shape.slice(), dtype, buf, null);
  }

  /** Arguments of size 0 are never read, but gpu.js needs something to bind. */
  private emptyStandIn(): DeviceBuffer {
    return this.deviceBuffer(DeviceTensor.fromHost(NDArray.zeros([1])));
  }

  /** The host value of a tensor, read back once per run when it lives on the device. */
  toHost(t: DeviceTensor): NDArray {
    if (t.host) return t.host;
    let v = this.readbackCache.get(t);
    if (!v) {
      this.env.trace?.(`readback ${t.dtype}[${t.shape}] for ${this.current ? `'${this.current.op.name}' (${this.current.op.type})` : 'a fetch'}`);
      v = readbackTensor(t, this.env.counters);
      this.readbackCache.set(t, v);
    }
    return v;
  }

  /** Runs a step's CPU kernel on host copies of its inputs; its outputs are uploaded when a device kernel needs them. */
  onCpu(index: number, step: PlanStep, inputs: DeviceTensor[], fallback: boolean): DeviceTensor[] {
    const kernel = this.program.cpuKernels[index];
    if (!kernel) throw new InternalError(`No CPU kernel for '${step.op.name}' (${step.op.type})`, step.op.name);
    if (fallback) this.env.counters.cpuFallbacks++; else this.env.counters.hostSteps++;
    const hostInputs = inputs.map((t) => (t ? this.toHost(t) : (null as unknown as NDArray)));
    const out = kernel(hostInputs, new RunCpuKernelContext(this, step));
    const list = Array.isArray(out) ? out : [out];
    if (list.length !== step.op.outputs.length) {
      throw new InternalError(`Kernel for '${step.op.name}' (${step.op.type}) returned ${list.length} outputs, expected ${step.op.outputs.length}`, step.op.name);
    }
    return list.map((v) => DeviceTensor.fromHost(v));
  }
}

/** Largest host value folded on the host rather than uploaded for a device kernel. */
const HOST_FOLD_LIMIT = 64;

/**
 * Every input is a small value computed on the host (not fed: a feed is data the
 * device kernels are there to process, and on the device it goes).
 */
function isSmallHostWork(inputs: DeviceTensor[]): boolean {
  return inputs.length > 0 && inputs.every((t) => t && t.host && !t.buffer && !t.base && !t.fed && t.size <= HOST_FOLD_LIMIT);
}

/** Reads a device value back to the host as its dtype. */
export function readbackTensor(t: DeviceTensor, counters: GpuCounters): NDArray {
  if (t.host) return t.host;
  if (!t.buffer || t.buffer.isFreed) throw new InternalError('a device value was read after it was freed');
  counters.readbacks++;
  const data = t.buffer.data as { toArray?: () => unknown };
  let floats: Float32Array;
  let owned = true;
  if (data instanceof Float32Array) { floats = data; owned = false; }
  else {
    const arr = data.toArray!();
    if (!(arr instanceof Float32Array)) throw new InvalidArgumentError('internal: gpu.js returned a nested array for a flat output');
    floats = arr;
  }
  if (floats.length !== t.size) floats = floats.subarray(0, t.size);
  return fromDeviceFloats(floats, t.shape, t.dtype, owned);
}
