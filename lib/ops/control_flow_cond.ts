import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { convertToTensor, graphOf } from '../framework/convert';
import { get_default_graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import type { StaticShape } from '../registry/op_registry';
import { pyfunc } from '../framework/python_args';
import { flatten, packSequenceAs, Nested } from './rnn_cell/nest';
import { buildFuncGraph } from './control_flow_subgraph';
import { constant, identity, stack } from './array_ops';
import { cast, less_equal, reduce_sum } from './math_ops';
import { Assert } from './control_flow_ops';

type Leaf = Tensor | Operation;
type BranchFn = () => Nested<unknown> | undefined | null;

/** The static shape both branches agree on: known dims where they are equal, else unknown. */
export function mostSpecificCommonShape(a: StaticShape, b: StaticShape): StaticShape {
  if (a === null || b === null || a.length !== b.length) return null;
  return a.map((d, i) => (d === b[i] ? d : null));
}

/** A branch's leaves as tensors: numbers become constants, an op becomes `true` after it ran (TF1 returns the op). */
function leavesAsTensors(result: unknown): { structure: Nested<unknown>; tensors: Tensor[]; isOp: boolean[] } {
  const structure = (result === undefined || result === null ? [] : result) as Nested<unknown>;
  const leaves = flatten(structure) as unknown[];
  const isOp = leaves.map((l) => l instanceof Operation);
  const g = get_default_graph();
  const tensors = leaves.map((l) => (l instanceof Operation
    ? g.control_dependencies([l], () => constant(true))
    : convertToTensor(l as TensorLike)));
  return { structure, tensors, isOp };
}

/**
 * tf.cond(pred, true_fn, false_fn, strict=False, name=None): one If op whose branches are
 * sub-graphs; only the taken branch runs. Returns the branches' common structure (a
 * tensor, a list, nested lists); without strict a one-element list is unpacked, as TF1.
 */
export const cond = pyfunc('cond', ['pred', 'true_fn', 'false_fn', 'strict', 'name', 'fn1', 'fn2'], 1,
  function cond(pred: TensorLike, true_fn?: BranchFn, false_fn?: BranchFn, strict?: boolean, name?: string | null,
    fn1?: BranchFn, fn2?: BranchFn): any {
    true_fn = true_fn ?? fn1;
    false_fn = false_fn ?? fn2;
    if (typeof true_fn !== 'function') throw new TypeError('true_fn must be callable.');
    if (typeof false_fn !== 'function') throw new TypeError('false_fn must be callable.');
    if (typeof pred === 'boolean') throw new TypeError('pred must not be a Python bool');
    const g = graphOf([pred]);
    return g.name_scope(name ?? 'cond', () => {
      const p = convertToTensor(pred);
      let t: ReturnType<typeof leavesAsTensors> | undefined, f: ReturnType<typeof leavesAsTensors> | undefined;
      const thenGraph = buildFuncGraph(g, `${g.get_name_scope()}/true_branch`, [], () => (t = leavesAsTensors(true_fn!())).tensors);
      const elseGraph = buildFuncGraph(g, `${g.get_name_scope()}/false_branch`, [], () => (f = leavesAsTensors(false_fn!())).tensors);
      checkSameStructure(t!.structure, f!.structure);
      const outs = ifOp(p, thenGraph, elseGraph, t!.tensors, f!.tensors);
      const leaves: Leaf[] = outs.map((o, i) => (t!.isOp[i] && f!.isOp[i] ? o.op : o));
      const packed = packSequenceAs(t!.structure, leaves);
      if (!strict && Array.isArray(packed) && packed.length === 1) return packed[0];
      return packed;
    });
  });

function checkSameStructure(a: Nested<unknown>, b: Nested<unknown>): void {
  const describe = (x: Nested<unknown>): string => (Array.isArray(x) ? `[${x.map(describe).join(', ')}]` : 'x');
  const na = flatten(a).length, nb = flatten(b).length;
  if (na !== nb || describe(a) !== describe(b)) {
    throw new ValueError(`The two structures don't have the same nested structure.\n\nFirst structure: ${describe(a)}\n\nSecond structure: ${describe(b)}`);
  }
}

/** Adds the If op for two built branches; their outputs must pair up in dtype. */
export function ifOp(pred: Tensor, thenGraph: ReturnType<typeof buildFuncGraph>, elseGraph: ReturnType<typeof buildFuncGraph>,
  thenOut: Tensor[], elseOut: Tensor[]): Tensor[] {
  thenOut.forEach((x, i) => {
    if (x.dtype !== elseOut[i].dtype) {
      throw new ValueError(`Outputs of true_fn and false_fn must have the same type: ${x.dtype}, ${elseOut[i].dtype}`);
    }
  });
  const captures = [...new Set([...thenGraph.captures, ...elseGraph.captures])];
  const op = pred.graph.create_op('If', [pred, ...captures], {
    Tin: captures.map((c) => c.dtype),
    Tout: thenOut.map((x) => x.dtype),
    then_branch: { name: thenGraph.name, graph: thenGraph },
    else_branch: { name: elseGraph.name, graph: elseGraph },
    output_shapes: thenOut.map((x, i) => mostSpecificCommonShape(x.shape, elseOut[i].shape)),
  }, 'If');
  return op.outputs;
}

/**
 * tf.case(pred_fn_pairs, default=None, exclusive=False, strict=False, name='case'): the
 * first pair whose predicate holds runs (nested conds, so only it runs); with exclusive,
 * an Assert that at most one holds, which the outputs depend on. With no default the last pair's fn is the fallback, as TF1.
 */
export const case_ = pyfunc('case', ['pred_fn_pairs', 'default', 'exclusive', 'strict', 'name'], 1,
  function case_(pred_fn_pairs: [TensorLike, BranchFn][] | Map<TensorLike, BranchFn>, default_?: BranchFn | null,
    exclusive?: boolean, strict?: boolean, name?: string | null): any {
    const pairs = pred_fn_pairs instanceof Map ? [...pred_fn_pairs.entries()] : pred_fn_pairs;
    if (!Array.isArray(pairs)) throw new TypeError('fns must be a list, tuple, or dict');
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`Each entry in pred_fn_pairs must be a 2-tuple`);
      if (typeof pair[1] !== 'function') throw new TypeError(`fn for pred ${String((pair[0] as Tensor).name ?? pair[0])} must be callable.`);
    }
    if (default_ != null && typeof default_ !== 'function') throw new TypeError('default must be callable.');
    if (pairs.length === 0 && default_ == null) throw new ValueError('pred_fn_pairs is empty and no default was given');
    const g = get_default_graph();
    return g.name_scope(name ?? 'case', () => {
      const preds = pairs.map(([p]) => convertToTensor(p, 'bool'));
      const fallback: BranchFn = default_ ?? pairs[pairs.length - 1][1];
      const chained = default_ == null ? pairs.slice(0, -1) : pairs;
      const build = (i: number): any => {
        if (i === chained.length) return fallback();
        return cond(preds[i], chained[i][1], () => build(i + 1), { strict: true });
      };
      if (!exclusive || preds.length < 2) return unpack(build(0), strict);
      // TF1's check: the run fails when more than one predicate holds; the outputs wait for it.
      const stacked = stack(preds);
      const atMostOne = less_equal(reduce_sum(cast(stacked, 'int32')), 1);
      const check = Assert(atMostOne, [
        `Input error: exclusive=True: more than 1 conditions (${preds.map((p) => p.name).join(', ')}) evaluated as True:`, stacked,
      ], { summarize: preds.length });
      const result = build(0);
      const leaves = (flatten(result) as Leaf[]).map((l) => g.control_dependencies([check], () =>
        (l instanceof Operation ? g.create_op('NoOp', [], {}, 'case_done') : identity(l))));
      return unpack(packSequenceAs(result, leaves), strict);
    });
  });

function unpack(x: any, strict?: boolean): any {
  return !strict && Array.isArray(x) && x.length === 1 ? x[0] : x;
}
