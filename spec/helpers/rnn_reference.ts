/* Plain-JS references for the RNN cells' TF1 math, on row-major number[][] matrices. */
export type Mat = number[][];

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export function toMat(data: ArrayLike<number>, rows: number, cols: number): Mat {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (__, c) => data[r * cols + c]));
}
export function affine(x: Mat, kernel: Mat, bias?: number[]): Mat {
  return x.map((row) => kernel[0].map((_, c) => row.reduce((s, v, k) => s + v * kernel[k][c], bias ? bias[c] : 0)));
}
export const hcat = (a: Mat, b: Mat): Mat => a.map((row, r) => [...row, ...b[r]]);
export const map2 = (a: Mat, b: Mat, f: (x: number, y: number) => number): Mat => a.map((row, r) => row.map((v, c) => f(v, b[r][c])));
export const map1 = (a: Mat, f: (x: number) => number): Mat => a.map((row) => row.map(f));
export const cols = (a: Mat, from: number, to: number): Mat => a.map((row) => row.slice(from, to));

/** BasicLSTMCell's step: returns [c, h]. */
export function lstmStep(x: Mat, c: Mat, h: Mat, kernel: Mat, bias: number[], forgetBias = 1): [Mat, Mat] {
  const z = affine(hcat(x, h), kernel, bias);
  const n = c[0].length;
  const [i, j, f, o] = [0, 1, 2, 3].map((k) => cols(z, k * n, (k + 1) * n));
  const newC = map2(map2(c, map1(f, (v) => sigmoid(v + forgetBias)), (a, b) => a * b), map2(map1(i, sigmoid), map1(j, Math.tanh), (a, b) => a * b), (a, b) => a + b);
  const newH = map2(map1(newC, Math.tanh), map1(o, sigmoid), (a, b) => a * b);
  return [newC, newH];
}

/** BasicRNNCell's step. */
export function rnnStep(x: Mat, h: Mat, kernel: Mat, bias: number[]): Mat {
  return map1(affine(hcat(x, h), kernel, bias), Math.tanh);
}

/** GRUCell's step. */
export function gruStep(x: Mat, h: Mat, gk: Mat, gb: number[], ck: Mat, cb: number[]): Mat {
  const n = h[0].length;
  const gates = map1(affine(hcat(x, h), gk, gb), sigmoid);
  const r = cols(gates, 0, n), u = cols(gates, n, 2 * n);
  const c = map1(affine(hcat(x, map2(r, h, (a, b) => a * b)), ck, cb), Math.tanh);
  return h.map((row, i) => row.map((hv, k) => u[i][k] * hv + (1 - u[i][k]) * c[i][k]));
}

export function expectClose(actual: ArrayLike<number>, expected: Mat | number[], tol = 1e-5): void {
  const flat = (expected as unknown[]).flat() as number[];
  if (actual.length !== flat.length) throw new Error(`length ${actual.length} != ${flat.length}`);
  for (let i = 0; i < flat.length; i++) {
    if (!(Math.abs(actual[i] - flat[i]) <= tol * (1 + Math.abs(flat[i])))) {
      throw new Error(`element ${i}: ${actual[i]} vs expected ${flat[i]}`);
    }
  }
}
