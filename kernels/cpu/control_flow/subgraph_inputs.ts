import { InternalError } from '../../../lib/framework/errors';
import type { Operation } from '../../../lib/framework/operation';
import type { Attrs } from '../../../lib/registry/op_registry';
import type { SubgraphFunc } from '../../../lib/registry/kernel_registry';
import type { Tensor } from '../../../lib/framework/tensor';

/**
 * What the control-flow drivers need of a kernel context. Generic in the value type so the
 * CPU kernels (NDArray) and the gpu ones (DeviceTensor, values kept on the device) share them.
 */
export interface SubgraphRunner<V> {
  readonly op: Operation;
  readonly attrs: Attrs;
  runSubgraph?(fn: SubgraphFunc, inputs: V[]): V[];
}

/** A func attr as tf.cond / tf.while_loop store it: TF's name, and the sub-graph itself. */
export function subgraphOf(ctx: { readonly op: Operation; readonly attrs: Attrs }, attr: string): SubgraphFunc {
  const value = ctx.attrs[attr] as { name: string; graph?: SubgraphFunc };
  if (!value?.graph) {
    throw new InternalError(`'${ctx.op.name}' (${ctx.op.type}) has no sub-graph for function '${value?.name}' (a graph loaded from a file has only its name)`, ctx.op.name);
  }
  return value.graph;
}

/** Runs a sub-graph, feeding each of its inputs from `named` (tensor -> value). */
export function runWith<V>(ctx: SubgraphRunner<V>, fn: SubgraphFunc, named: Map<Tensor, V>): V[] {
  if (!ctx.runSubgraph) throw new InternalError(`'${ctx.op.name}' (${ctx.op.type}) runs a sub-graph and needs a session run`, ctx.op.name);
  const inputs = fn.inputs.map((t) => {
    const v = named.get(t);
    if (!v) throw new InternalError(`No value for '${t.name}', an input of '${fn.name}' in '${ctx.op.name}'`, ctx.op.name);
    return v;
  });
  return ctx.runSubgraph(fn, inputs);
}

/** tensor -> value for the given tensors and values, in order. */
export function valuesOf<V>(tensors: readonly Tensor[], values: readonly V[], into = new Map<Tensor, V>()): Map<Tensor, V> {
  tensors.forEach((t, i) => into.set(t, values[i]));
  return into;
}
