/*
 * tf.foldl, tf.foldr, tf.scan and tf.map_fn on tf.while_loop. Without a TensorArray the
 * stacked outputs grow by concatenation (a loop var whose first dimension varies), and
 * the first element is computed before the loop, so elems must not be empty.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { while_loop } from './control_flow_while';
import { gather } from './gather_ops';
import { shape } from './shape_ops';
import { add, less, subtract } from './math_ops';
import { concat, constant, expand_dims } from './array_ops';

type Elems = TensorLike | TensorLike[];
const asList = (elems: Elems): Tensor[] => (Array.isArray(elems) && !(typeof elems[0] === 'number') ? (elems as TensorLike[]) : [elems as TensorLike]).map((e) => convertToTensor(e));
const pick = (xs: Tensor[], i: TensorLike, single: boolean): any => (single ? gather(xs[0], i) : xs.map((x) => gather(x, i)));
const lengthOf = (x: Tensor): Tensor => gather(shape(x), 0);
const grown = (t: Tensor): (number | null)[] | null => (t.shape === null ? null : [null, ...t.shape]);

function fold(name: string, reverse: boolean, fn: (acc: any, x: any) => any, elems: Elems, initializer: TensorLike | null | undefined, back_prop?: boolean): any {
  const xs = asList(elems), single = !Array.isArray(elems) || typeof (elems as unknown[])[0] === 'number';
  return graphOf(xs).name_scope(name, () => {
    const n = lengthOf(xs[0]);
    const one = constant(1, 'int32');
    const first = reverse ? subtract(n, one) : constant(0, 'int32');
    const acc0 = initializer == null ? pick(xs, first, single) : convertToTensor(initializer);
    const i0 = initializer == null ? (reverse ? subtract(n, 2) : one) : first;
    const step = reverse ? -1 : 1;
    const [, acc] = while_loop((i: Tensor) => (reverse ? less(-1, i) : less(i, n)),
      (i: Tensor, a: Tensor) => [add(i, step), fn(a, pick(xs, i, single))], [convertToTensor(i0, 'int32'), acc0], { back_prop }) as Tensor[];
    return acc;
  });
}

/** tf.foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None). */
export const foldl = pyfunc('foldl', ['fn', 'elems', 'initializer', 'parallel_iterations', 'back_prop', 'swap_memory', 'name'], 2,
  function foldl(fn: (acc: any, x: any) => any, elems: Elems, initializer?: TensorLike | null, _pi?: number, back_prop?: boolean, _sm?: boolean, name?: string | null): any {
    return fold(name ?? 'foldl', false, fn, elems, initializer, back_prop);
  });

/** tf.foldr: as foldl from the last element to the first. */
export const foldr = pyfunc('foldr', ['fn', 'elems', 'initializer', 'parallel_iterations', 'back_prop', 'swap_memory', 'name'], 2,
  function foldr(fn: (acc: any, x: any) => any, elems: Elems, initializer?: TensorLike | null, _pi?: number, back_prop?: boolean, _sm?: boolean, name?: string | null): any {
    return fold(name ?? 'foldr', true, fn, elems, initializer, back_prop);
  });

/**
 * Stacks y_i = f(i, y_previous) over i in [0, n) (or down from n-1), y_0 computed before
 * the loop from `init`, so the loop var's static shape is y_0's.
 */
function stackLoop(n: Tensor, reverse: boolean, init: Tensor | null, f: (i: Tensor, carry: Tensor | null) => Tensor, back_prop?: boolean): Tensor {
  const start = reverse ? subtract(n, 1) : constant(0, 'int32');
  const y0 = f(start, init);
  const vars: Tensor[] = [reverse ? subtract(n, 2) : constant(1, 'int32'), y0, expand_dims(y0, 0)];
  const [, , out] = while_loop((i: Tensor) => (reverse ? less(-1, i) : less(i, n)), (i: Tensor, carry: Tensor, stacked: Tensor) => {
    const y = f(i, carry);
    const row = expand_dims(y, 0);
    // Rows stay in elems' order: a reversed scan prepends.
    return [add(i, reverse ? -1 : 1), y, reverse ? concat([row, stacked], 0) : concat([stacked, row], 0)];
  }, vars, { shape_invariants: [[], y0.shape, grown(y0)], back_prop }) as Tensor[];
  return out;
}

/** tf.scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, infer_shape=True, reverse=False, name=None). */
export const scan = pyfunc('scan',
  ['fn', 'elems', 'initializer', 'parallel_iterations', 'back_prop', 'swap_memory', 'infer_shape', 'reverse', 'name'], 2,
  function scan(fn: (acc: any, x: any) => any, elems: Elems, initializer?: TensorLike | null, _pi?: number, back_prop?: boolean,
    _sm?: boolean, _infer?: boolean, reverse?: boolean, name?: string | null): Tensor {
    const xs = asList(elems), single = !Array.isArray(elems) || typeof (elems as unknown[])[0] === 'number';
    return graphOf(xs).name_scope(name ?? 'scan', () => {
      const n = lengthOf(xs[0]);
      const init = initializer == null ? null : convertToTensor(initializer);
      // Without an initializer the first element is the first output, as TF1.
      const f = (i: Tensor, carry: Tensor | null) => (carry === null ? pick(xs, i, single) as Tensor : convertToTensor(fn(carry, pick(xs, i, single))));
      return stackLoop(n, !!reverse, init, f, back_prop);
    });
  });

/** tf.map_fn(fn, elems, dtype=None, parallel_iterations=10, back_prop=True, swap_memory=False, infer_shape=True, name=None). */
export const map_fn = pyfunc('map_fn',
  ['fn', 'elems', 'dtype', 'parallel_iterations', 'back_prop', 'swap_memory', 'infer_shape', 'name'], 2,
  function map_fn(fn: (x: any) => any, elems: Elems, _dtype?: unknown, _pi?: number, back_prop?: boolean, _sm?: boolean,
    _infer?: boolean, name?: string | null): Tensor {
    const xs = asList(elems), single = !Array.isArray(elems) || typeof (elems as unknown[])[0] === 'number';
    return graphOf(xs).name_scope(name ?? 'map', () => {
      const n = lengthOf(xs[0]);
      return stackLoop(n, false, null, (i) => convertToTensor(fn(pick(xs, i, single))), back_prop);
    });
  });
