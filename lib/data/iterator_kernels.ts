/**
 * CPU kernels of the iterator ops (lib/ops/defs/data/iterator_ops.ts). An iterator's state
 * is an entry of the session's resources under its handle, so two sessions on one graph
 * iterate independently and closing a session drops its iterators.
 */
import { NDArray, formatShape } from '../framework/ndarray';
import { FailedPreconditionError, InvalidArgumentError, OutOfRangeError } from '../framework/errors';
import type { Operation } from '../framework/operation';
import type { Tensor } from '../framework/tensor';
import type { StaticShape } from '../registry/op_def';
import { kernelRegistry, CpuKernel, KernelContext } from '../registry/kernel_registry';
import type { ElementStream, Pipeline } from './pipeline';

/** The pipeline a MakeIterator or OneShotIterator op starts, and for one-shot iterators the captures' values. */
const pipelines = new WeakMap<Operation, { pipeline: Pipeline; constants?: Map<Tensor, NDArray> }>();

export function attachPipeline(op: Operation, pipeline: Pipeline, constants?: Map<Tensor, NDArray>): void {
  pipelines.set(op, { pipeline, constants });
}

function sessionResources(ctx: KernelContext): Map<string, unknown> {
  const r = ctx.resources?.();
  if (!r) throw new FailedPreconditionError(`'${ctx.op.name}' (${ctx.op.type}) keeps iterator state in a session; its kernel ran outside one`, ctx.op.name);
  return r;
}

function pipelineOf(ctx: KernelContext) {
  const p = pipelines.get(ctx.op);
  if (!p) {
    throw new FailedPreconditionError(`The dataset of '${ctx.op.name}' was not built in this process ` +
      '(a graph loaded from a file holds iterator ops but not the pipelines of their datasets)', ctx.op.name);
  }
  return p;
}

const iteratorKey = (handle: string) => `iterator:${handle}`;

function start(ctx: KernelContext, handle: string, pipeline: Pipeline, valueOf: (t: Tensor) => NDArray): void {
  const resources = sessionResources(ctx);
  const key = iteratorKey(handle);
  resources.set(key, pipeline.open({ valueOf, resources, iteratorKey: key }));
}

const handleOutput = (ctx: KernelContext) => NDArray.fromStrings([(ctx.attrs.shared_name as string) || ctx.op.name], []);

const iteratorV2: CpuKernel = (_inputs, ctx) => handleOutput(ctx);

const oneShotIterator: CpuKernel = (_inputs, ctx) => {
  const handle = handleOutput(ctx);
  if (!sessionResources(ctx).has(iteratorKey(handle.stringAt(0)))) {
    const { pipeline, constants } = pipelineOf(ctx);
    start(ctx, handle.stringAt(0), pipeline, (t) => constants!.get(t)!);
  }
  return handle;
};

const makeIterator: CpuKernel = ([handle, ...args], ctx) => {
  const { pipeline } = pipelineOf(ctx);
  // The run recycles its buffers when it ends; the iterator reads these for many runs.
  const values = new Map(pipeline.captures.map((t, i) => [t, args[i]!.clone()]));
  start(ctx, handle!.stringAt(0), pipeline, (t) => values.get(t)!);
  return [];
};

function compatible(shape: readonly number[], expected: StaticShape): boolean {
  return expected === null || (expected.length === shape.length && expected.every((d, i) => d === null || d === shape[i]));
}

const iteratorGetNext: CpuKernel = ([handle], ctx) => {
  const stream = sessionResources(ctx).get(iteratorKey(handle!.stringAt(0))) as ElementStream | undefined;
  if (!stream) {
    throw new FailedPreconditionError('GetNext() failed because the iterator has not been initialized. Ensure that you have ' +
      'run the initializer operation for this iterator before getting the next element.', ctx.op.name);
  }
  const element = stream.next();
  if (!element) throw new OutOfRangeError('End of sequence', ctx.op.name);
  const shapes = ctx.attrs.output_shapes as StaticShape[];
  return element.map((v, i) => {
    if (!compatible(v.shape, shapes[i]!)) {
      throw new InvalidArgumentError(`Component ${i} of the next element has shape ${formatShape(v.shape)}, ` +
        `incompatible with the iterator's output shape ${formatShape(shapes[i]!)}`, ctx.op.name);
    }
    // A copy from the run's allocator: the pipeline may hand out the same array again (from_tensors, repeat).
    if (v.strings) return new NDArray(new Float64Array(v.size), v.shape, 'string', v.strings);
    const out = ctx.outputForOverwrite(v.shape, v.dtype);
    out.data.set(v.data as never);
    return out;
  });
};

let registered = false;
export function registerIteratorKernels(): void {
  if (registered) return;
  registered = true;
  const reg = kernelRegistry();
  reg.register('IteratorV2', 'cpu', iteratorV2);
  reg.register('OneShotIterator', 'cpu', oneShotIterator);
  reg.register('MakeIterator', 'cpu', makeIterator);
  reg.register('IteratorGetNext', 'cpu', iteratorGetNext);
}
registerIteratorKernels();
