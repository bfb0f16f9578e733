/**
 * Running a CPU kernel for its shape logic only: ops such as Shape, Reshape and
 * ExpandDims look at their data input's shape, never its values. Giving them a
 * stand-in array of the right type and length (no storage) reuses the CPU kernel's
 * exact semantics and error messages without reading the device value back.
 * Not a kernel module: no op types here.
 */
import { NDArray } from '../../lib/framework/ndarray';
import type { DType } from '../../lib/framework/dtypes';
import { InternalError } from '../../lib/framework/errors';
import { kernelRegistry, CpuKernel } from '../../lib/registry/kernel_registry';
import { standaloneKernelContext } from '../../lib/session/run_context';
import type { DeviceTensor, GpuKernelContext } from './types';

const PROTOTYPES: Record<DType, object> = {
  float32: Float32Array.prototype, int32: Int32Array.prototype, int64: Float64Array.prototype,
  bool: Uint8Array.prototype, uint8: Uint8Array.prototype, float64: Float64Array.prototype,
  float16: Float32Array.prototype, int16: Int16Array.prototype, int8: Int8Array.prototype, uint16: Uint16Array.prototype, string: Float64Array.prototype,
  resource: Float64Array.prototype,
};

/** An NDArray with t's shape and dtype whose data has a length but no elements. */
export function shapeProbe(t: DeviceTensor): NDArray {
  const fake = Object.create(PROTOTYPES[t.dtype], { length: { value: t.size } });
  return new NDArray(fake, t.shape, t.dtype);
}

/**
 * Runs the op's CPU kernel with the inputs at `probed` replaced by shape probes and
 * the others read on the host (small control values). Returns the CPU outputs; an
 * output built on a probe's data carries only its shape.
 */
export function cpuWithProbes(ctx: GpuKernelContext, inputs: DeviceTensor[], probed: number[]): NDArray[] {
  const kernel = kernelRegistry().get<CpuKernel>(ctx.op.type, 'cpu');
  if (!kernel) throw new InternalError(`No CPU kernel for '${ctx.op.name}' (${ctx.op.type})`, ctx.op.name);
  const host = inputs.map((t, i) => (probed.includes(i) ? shapeProbe(t) : ctx.hostValue(t)));
  const out = kernel(host, standaloneKernelContext(ctx.op, { noStateMessage: `'${ctx.op.type}' used state in a shape-only kernel` }));
  return Array.isArray(out) ? out : [out];
}
