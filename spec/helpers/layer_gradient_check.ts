import { expect } from 'chai';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';

function nd(shape: number[], f: (i: number) => number): NDArray {
  const a = NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = f(i);
  return a;
}

/**
 * Numerical gradient check through a layer's variables: the symbolic gradients of sum(y * r)
 * (r fixed random weights) w.r.t. the input and every variable, against central differences
 * obtained by feeding the input and loading perturbed values into the variables.
 */
export function checkThroughVariables(y: tf.Tensor, x: tf.Tensor, xv: NDArray, vars: () => tf.Variable[], tol = 2e-3): void {
  const r = nd(y.shape as number[], (i) => Math.sin(i * 2.3 + 1));
  const loss = tf.reduce_sum(tf.multiply(y, tf.constant(r)));
  const variables = vars();
  const grads = tf.gradients(loss, [x, ...variables]);
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  const values = sess.run(variables) as NDArray[];
  const sym = sess.run(grads, new Map([[x, xv]])) as NDArray[];
  const placeholders = variables.map((v) => tf.placeholder(v.dtype, v.shape));
  const assigns = variables.map((v, i) => tf.assign(v, placeholders[i]));
  const lossAt = (xIn: NDArray, vals: NDArray[]) => {
    sess.run(assigns, new Map(placeholders.map((p, i) => [p, vals[i]] as [tf.Tensor, NDArray])));
    return sess.run(loss, new Map([[x, xIn]])) as number;
  };
  const inputs = [xv, ...values];
  inputs.forEach((arr, k) => {
    for (let j = 0; j < arr.size; j++) {
      const plus = inputs.map((a) => a.clone()), minus = inputs.map((a) => a.clone());
      plus[k].data[j] += 1e-2; minus[k].data[j] -= 1e-2;
      const numeric = (lossAt(plus[0], plus.slice(1)) - lossAt(minus[0], minus.slice(1))) / 2e-2;
      expect(sym[k].data[j]).to.be.closeTo(numeric, tol + 2e-2 * Math.abs(numeric), `input ${k} element ${j}`);
    }
  });
}

