import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { hasGradient } from '../framework/dtypes';
import { gradientRegistry } from '../registry/gradient_registry';
import { opRegistry } from '../registry/op_registry';
import { makeOp1 } from './op_builder';
import { pyfunc } from '../framework/python_args';

type TensorOrVar = Tensor | { _asTensor(): Tensor };

/**
 * tf.gradients(ys, xs, grad_ys=None, name='gradients', colocate_gradients_with_ops=False,
 * gate_gradients=False, aggregation_method=None, stop_gradients=None): adds ops computing d(sum ys)/d(x) for each x,
 * under the name scope 'gradients'. Contributions from several paths are summed;
 * an x that ys do not depend on gets null.
 */
export const gradients = pyfunc('gradients',
  ['ys', 'xs', 'grad_ys', 'name', 'colocate_gradients_with_ops', 'gate_gradients', 'aggregation_method', 'stop_gradients'], 2,
  function gradients(ys: TensorOrVar | TensorOrVar[], xs: TensorOrVar | TensorOrVar[],
  grad_ys?: (TensorLike | null)[] | TensorLike | null, name?: string | null, colocate_gradients_with_ops?: boolean,
  gate_gradients?: boolean, aggregation_method?: unknown, stop_gradients?: TensorOrVar | TensorOrVar[] | null): (Tensor | null)[] {
  // colocate_gradients_with_ops, gate_gradients and aggregation_method change no value here: no devices,
  // one op at a time, contributions always summed with AddN (TF1's default).
  const options = { name: name ?? undefined, stop_gradients: stop_gradients == null ? [] : Array.isArray(stop_gradients) ? stop_gradients : [stop_gradients] };
  const yList = (Array.isArray(ys) ? ys : [ys]).map((y) => convertToTensor(y as TensorLike));
  const xList = (Array.isArray(xs) ? xs : [xs]).map((x) => convertToTensor(x as TensorLike));
  // As TF1's _AsList: an array of grad_ys has one entry per y; anything else is the one y's.
  const gyList: (TensorLike | null)[] = grad_ys === undefined || grad_ys === null ? yList.map(() => null)
    : Array.isArray(grad_ys) ? grad_ys as (TensorLike | null)[] : [grad_ys as TensorLike];
  if (gyList.length !== yList.length) throw new ValueError(`Passed ${gyList.length} grad_ys for ${yList.length} ys`);
  const g = graphOf([...yList, ...xList]);
  const stops = new Set((options.stop_gradients ?? []).map((t) => convertToTensor(t as TensorLike).op));

  return g.name_scope(options.name ?? 'gradients', () => {
    const between = opsBetween(yList, xList, stops);
    const pending = new Map<Tensor, Tensor[]>();
    const addGrad = (t: Tensor, grad: Tensor) => {
      let list = pending.get(t);
      if (!list) pending.set(t, (list = []));
      list.push(grad);
    };
    yList.forEach((y, i) => {
      const gy = gyList[i];
      addGrad(y, gy === null || gy === undefined ? makeOp1('OnesLike', [y], {}, `grad_ys_${i}`) : convertToTensor(gy, y.dtype));
    });
    const xSet = new Set(xList);
    const ordered = [...between].sort((a, b) => b.id - a.id);
    for (const op of ordered) {
      const outGrads = op.outputs.map((t) => aggregate(pending, t));
      if (outGrads.every((gr) => gr === null)) continue;
      // TF1's stop ops: nothing upstream of this op is on a path from an x, so there is
      // nothing to push back (an x fed by another x still passes its gradient on).
      if (stops.has(op) || op.inputs.every((t) => !between.has(t.op))) continue;
      const fn = gradientRegistry().lookup(op);
      if (fn === null) continue;
      const inGrads = g.name_scope(`${op.name}_grad`, () => fn(op, outGrads));
      if (inGrads.length !== op.inputs.length) {
        throw new ValueError(`Num gradients ${inGrads.length} generated for op ${op.name} (${op.type}) ` +
          `do not match num inputs ${op.inputs.length}`);
      }
      const refs = opRegistry().get(op.type).refInputs ?? [];
      op.inputs.forEach((input, i) => {
        const gr = inGrads[i];
        // A resource handle takes its variable's gradient (TF's _ReadGrad), as TF1's backprop allows.
        const flows = hasGradient(input.dtype) || input.dtype === 'resource';
        if (gr && !refs.includes(i) && flows && (between.has(input.op) || xSet.has(input))) addGrad(input, gr);
      });
    }
    return xList.map((x) => aggregate(pending, x));
  });
});

/** Sums the gradient contributions to t (AddN when there are several), memoized. */
function aggregate(pending: Map<Tensor, Tensor[]>, t: Tensor): Tensor | null {
  const list = pending.get(t);
  if (!list || list.length === 0) return null;
  if (list.length > 1) pending.set(t, [makeOp1('AddN', list, {})]);
  return pending.get(t)![0];
}

/** Ops on some path from an x to a y (backward-reachable from ys, forward-reachable from xs). */
function opsBetween(ys: Tensor[], xs: Tensor[], stops: Set<Operation>): Set<Operation> {
  const backward = new Set<Operation>();
  const stack = ys.map((y) => y.op);
  while (stack.length) {
    const op = stack.pop()!;
    if (backward.has(op)) continue;
    backward.add(op);
    if (stops.has(op)) continue;
    for (const t of op.inputs) stack.push(t.op);
  }
  const consumers = new Map<Operation, Operation[]>();
  for (const op of backward) {
    for (const t of op.inputs) {
      let c = consumers.get(t.op);
      if (!c) consumers.set(t.op, (c = []));
      c.push(op);
    }
  }
  const between = new Set<Operation>();
  const fwd = xs.map((x) => x.op).filter((op) => backward.has(op));
  while (fwd.length) {
    const op = fwd.pop()!;
    if (between.has(op)) continue;
    between.add(op);
    for (const c of consumers.get(op) ?? []) fwd.push(c);
  }
  return between;
}

/** tf.stop_gradient: identity forward, no gradient backward. */
export const stop_gradient = pyfunc('stop_gradient', ['input', 'name'], 1,
  function stop_gradient(x: TensorLike, name?: NameArg): Tensor {
  return makeOp1('StopGradient', [convertToTensor(x)], {}, nameFrom(name));
});
