/*
 * Gradients of If and While (docs/control_flow.md). Both differentiate their sub-graphs
 * with tf.gradients inside a new sub-graph; ops of the forward sub-graph they need are
 * recomputed there (buildFuncGraph), so the forward op needs no extra outputs.
 */
import type { Operation } from '../framework/operation';
import type { Tensor } from '../framework/tensor';
import { hasGradient } from '../framework/dtypes';
import { buildFuncGraph, FuncGraph } from './control_flow_subgraph';
import { cond } from './control_flow_cond';
import { gradients } from './gradients';
import { zeros_like } from './shape_ops';
import { placeholder } from './array_ops';

function graphAttr(op: Operation, attr: string): FuncGraph {
  return (op.attrs[attr] as { graph: FuncGraph }).graph;
}

/** d(inputs) of a sub-graph given d(outputs): zeros where nothing flows. */
function subgraphGrads(outputs: Tensor[], xs: Tensor[], dys: Tensor[]): Tensor[] {
  const gs = gradients(outputs, xs, dys);
  return gs.map((gr, i) => gr ?? zeros_like(xs[i]));
}

/** The gradient of an If: an If on the same predicate whose branches differentiate the forward branches. */
export function ifGradient(op: Operation, grads: (Tensor | null)[]): (Tensor | null)[] {
  const captured = op.inputs.slice(1);
  const wrt = captured.filter((c) => hasGradient(c.dtype));
  if (wrt.length === 0) return op.inputs.map(() => null);
  const dys = grads.map((gr, i) => gr ?? zeros_like(op.outputs[i]));
  const branch = (fg: FuncGraph) => () => subgraphGrads(fg.outputs, wrt, dys);
  const out = cond(op.inputs[0], branch(graphAttr(op, 'then_branch')), branch(graphAttr(op, 'else_branch')),
    { strict: true, name: 'cond_grad' }) as Tensor[];
  return [null, ...captured.map((c) => (wrt.includes(c) ? out[wrt.indexOf(c)] : null))];
}

/**
 * The gradient of a While: a WhileGrad op, whose body_grad sub-graph maps one
 * iteration's output gradients (placeholders) to its input and capture gradients.
 */
export function whileGradient(op: Operation, grads: (Tensor | null)[]): (Tensor | null)[] {
  const n = (op.attrs.T as unknown[]).length;
  const captures = op.inputs.slice(n);
  const body = graphAttr(op, 'body');
  body.keepIterations = true;
  const dys = grads.map((gr, i) => gr ?? zeros_like(op.outputs[i]));
  const varPhs = body.placeholders as Tensor[];
  const gradPhs = varPhs.map((p) => placeholder(p.dtype, p.shape, 'output_grad'));
  const bodyGrad = buildFuncGraph(op.graph, `${op.name}/body_grad`, [...varPhs, ...gradPhs],
    () => subgraphGrads(body.outputs, [...varPhs, ...captures], gradPhs));
  const gradOp = op.graph.create_op('WhileGrad', [...op.inputs, ...dys, ...bodyGrad.captures], {
    T: op.attrs.T, Tcaptures: op.attrs.Tcaptures, T_grads: dys.map((d) => d.dtype),
    Tgrad_captures: bodyGrad.captures.map((c) => c.dtype),
    cond: op.attrs.cond, body: op.attrs.body, body_grad: { name: bodyGrad.name, graph: bodyGrad },
  }, 'WhileGrad');
  return op.inputs.map((x, i) => (hasGradient(x.dtype) ? gradOp.outputs[i] : null));
}
