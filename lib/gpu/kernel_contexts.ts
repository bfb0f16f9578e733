import { InternalError } from '../framework/errors';
import type { KernelContext, VariableHandle } from '../registry/kernel_registry';
import type { PlanStep } from '../session/plan';
import type { GpuKernelContext, DeviceVariableHandle } from '../../kernels/gpu/types';
import { DeviceTensor } from './device_tensor';
import { GpuRun, isHostScalar } from './gpu_run';

/** What a gpu kernel sees of the run: launches, transfers, device variables, the op's random stream. */
export function gpuKernelContext(run: GpuRun, index: number, step: PlanStep): GpuKernelContext {
  const store = run.state.variables;
  const vars = run.env.variables;
  const handle = (name: string): DeviceVariableHandle => ({
    name,
    read: () => vars.read(store, name),
    write: (value: DeviceTensor) => {
      // A value computed on the host (or a feed) must be on the device before the run ends.
      run.deviceBuffer(value);
      vars.write(store, name, value);
    },
    isInitialized: () => vars.isInitialized(store, name),
  });
  return {
    op: step.op,
    attrs: step.op.attrs,
    mode: run.env.device.mode,
    launch: (source, args, shape, dtype) => run.launch(source, args, shape, dtype),
    hostValue: (t) => run.toHost(t),
    hostScalar: (t) => (isHostScalar(t) ? Number(t.host!.data[0]) : null),
    fromHost: (value) => DeviceTensor.fromHost(value),
    constant: (value) => {
      let t = run.env.constants.get(step.op);
      if (!t) {
        t = DeviceTensor.fromHost(value);
        t.persistent = true;
        run.env.constants.set(step.op, t);
      }
      return t;
    },
    alias: (t, shape, dtype) => {
      const dt = dtype ?? t.dtype;
      const host = t.host && (dt === t.dtype ? t.host.reshape(shape) : t.host.astype(dt).reshape(shape));
      const a = new DeviceTensor(shape.slice(), dt, t.buffer, host);
      a.fed = t.fed;
      // A host value not yet uploaded is uploaded once, for the original and its aliases alike.
      if (!t.buffer) a.base = t;
      return a;
    },
    ref: (i) => handle(refName(step, i)),
    variable: handle,
    random: () => run.state.randomFor(step.op),
    runOnHost: (inputs) => run.onCpu(index, step, inputs, false),
  };
}

/** A CPU kernel's context (for fallbacks and host work) whose variables see the device's newer values. */
export function cpuKernelContext(run: GpuRun, step: PlanStep): KernelContext {
  const store = run.state.variables;
  const vars = run.env.variables;
  const handle = (name: string): VariableHandle => {
    const h = store.handle(name);
    const sync = () => vars.syncToHost(store, name);
    return {
      name,
      read: () => { sync(); return h.read(); },
      write: (v) => h.write(v),
      writable: () => { sync(); return h.writable(); },
      isInitialized: () => vars.isInitialized(store, name),
    };
  };
  return {
    op: step.op,
    attrs: step.op.attrs,
    ref: (i) => handle(refName(step, i)),
    variable: handle,
    random: () => run.state.randomFor(step.op),
  };
}

function refName(step: PlanStep, index: number): string {
  const name = step.refNames[index];
  if (!name) throw new InternalError(`Input ${index} of '${step.op.name}' is not a ref input`, step.op.name);
  return name;
}
