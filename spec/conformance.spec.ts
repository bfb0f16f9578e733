/**
 * Conformance: every op (and, through tf.gradients, every gradient op) on the CPU
 * backend and on the gpu backend, on random inputs, compared within float32
 * tolerance (integers and bools exactly).
 *
 * The gpu side runs gpu.js in headlessgl mode when a GL context exists (under
 * xvfb-run: Mesa's software GL, so the GLSL really executes). Without GL it runs
 * gpu.js's webasm mode, which still executes every kernel's code, only not as
 * GLSL. In CI (CI=true) GL is required: its absence fails the suite.
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { typedArrayFor } from '../lib/framework/dtypes';
import { kernelRegistry } from '../lib/registry/kernel_registry';
import { BUILTIN_OPS } from '../lib/ops/builtin';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { CASES, NOT_BUILT, HOST_ONLY, InputSpec, OpCase, ProgramCase } from './helpers/conformance_cases';

const inCI = process.env.CI === 'true';

function gpuDevice(): { device: string; mode: string; note: string } {
  const gl = probeGl();
  if (gl) return { device: 'gpu', mode: gl.mode, note: gl.renderer };
  return { device: 'gpu-webasm', mode: 'webasm', note: 'no GL context here: gpu.js runs the kernels as WebAssembly on the CPU' };
}

function inputValue(spec: InputSpec, rng: Xoshiro128): NDArray {
  const dtype = spec.dtype ?? 'float32';
  const n = spec.shape.reduce((p, d) => p * d, 1);
  const data = typedArrayFor(dtype, n);
  const [lo, hi] = spec.range ?? [-2, 2];
  for (let i = 0; i < n; i++) {
    if (spec.values) data[i] = Number(spec.values[i]);
    else if (dtype === 'float32') data[i] = lo + (hi - lo) * rng.uniform();
    else data[i] = Math.floor(lo + (hi - lo) * rng.uniform());
  }
  return new NDArray(data, spec.shape, dtype);
}

/** Float32 closeness (NaN equals NaN, infinities must match); everything else exactly. */
function expectClose(actual: unknown, expected: unknown, atol: number, rtol: number, what: string): void {
  if (typeof expected === 'number' || typeof expected === 'boolean') {
    expect(typeof actual, `${what}: type`).to.equal(typeof expected);
    if (typeof expected === 'boolean') { expect(actual, what).to.equal(expected); return; }
    expectNumbers(Float64Array.of(actual as number), Float64Array.of(expected), 'float32', atol, rtol, what);
    return;
  }
  if (expected === null || expected === undefined) { expect(actual, what).to.equal(expected); return; }
  expect(actual, `${what}: an NDArray`).to.be.instanceOf(NDArray);
  const a = actual as NDArray, e = expected as NDArray;
  expect(a.dtype, `${what}: dtype`).to.equal(e.dtype);
  expect(a.shape, `${what}: shape`).to.deep.equal(e.shape);
  expectNumbers(a.data, e.data, e.dtype, atol, rtol, what);
}

function expectNumbers(a: ArrayLike<number>, e: ArrayLike<number>, dtype: string, atol: number, rtol: number, what: string): void {
  for (let i = 0; i < e.length; i++) {
    const x = a[i], y = e[i];
    if (dtype !== 'float32') { if (x !== y) expect.fail(`${what}[${i}]: gpu ${x}, cpu ${y} (${dtype}, must be exact)`); continue; }
    if (Number.isNaN(y)) { if (!Number.isNaN(x)) expect.fail(`${what}[${i}]: gpu ${x}, cpu NaN`); continue; }
    if (!Number.isFinite(y)) { if (x !== y) expect.fail(`${what}[${i}]: gpu ${x}, cpu ${y}`); continue; }
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) expect.fail(`${what}[${i}]: gpu ${x}, cpu ${y} (atol ${atol}, rtol ${rtol})`);
  }
}

function asList(v: unknown): unknown[] { return Array.isArray(v) ? v : [v]; }

describe('conformance: CPU backend vs gpu backend, every op and gradient', function () {
  this.timeout(120000);
  const { device, mode, note } = gpuDevice();
  const seen = new Set<string>();

  before(() => {
    console.log(`      conformance runs gpu.js ${mode} (${note})`);
  });

  it(inCI ? 'runs the GLSL path: gpu.js headlessgl is required in CI' : `runs on gpu.js ${mode}`, () => {
    if (inCI) expect(mode, 'CI=true but gpu.js has no headlessgl context (is `gl` built and is the run under xvfb-run?)').to.equal('headlessgl');
    const s = new tf.Session({ graph: new tf.Graph(), config: { device } });
    expect(s.device).to.match(new RegExp(`^gpu \\(gpu\\.js ${mode}`));
    s.close();
  });

  /** A session on the gpu backend, with its backend for the counters. */
  function gpuSession(g: tf.Graph): { sess: tf.Session; backend: GpuBackend } {
    const sess = new tf.Session({ graph: g, config: { device } });
    return { sess, backend: sess.backend as GpuBackend };
  }

  function runOpCase(c: OpCase, index: number): void {
    const g = new tf.Graph();
    g.as_default(() => {
      const rng = new Xoshiro128(1000 + index, 17);
      const values = c.inputs.map((s) => inputValue(s, rng));
      const phs = c.inputs.map((s, i) => tf.placeholder(s.dtype ?? 'float32', s.static !== undefined ? s.static : s.shape, `in${i}`));
      const outs = asList(c.build(phs)) as tf.Tensor[];
      const feed = new Map<tf.Tensor, NDArray>(phs.map((p, i) => [p, values[i]]));
      const cpu = new tf.Session({ graph: g, config: { device: 'cpu' } });
      const expectedOuts = asList(cpu.run(outs, feed));
      const fetches: tf.Tensor[] = [...outs];
      const floatOuts = outs.map((o, i) => [o, expectedOuts[i]] as const).filter(([o]) => o.dtype === 'float32');
      const floatIns = phs.filter((p) => p.dtype === 'float32');
      if ((c.grad ?? true) && floatOuts.length && floatIns.length) {
        const wr = new Xoshiro128(2000 + index, 3);
        const terms = floatOuts.map(([o, v]) => {
          const shape = v instanceof NDArray ? v.shape : [];
          return tf.reduce_sum(tf.multiply(o, tf.constant(inputValue({ shape, range: [-1, 1] }, wr))));
        });
        const loss = terms.length === 1 ? terms[0] : tf.add_n(terms);
        const grads = tf.gradients(loss, floatIns).filter((t): t is tf.Tensor => t !== null);
        fetches.push(...grads);
      }
      const expected = asList(cpu.run(fetches, feed));
      const { sess, backend } = gpuSession(g);
      const actual = asList(sess.run(fetches, feed));
      const atol = c.atol ?? 1e-4, rtol = c.rtol ?? 1e-4;
      fetches.forEach((t, i) => expectClose(actual[i], expected[i], atol, rtol, `${i < outs.length ? 'output' : 'gradient'} ${t.name}`));
      expect(backend.counters.cpuFallbacks, 'steps that fell back to CPU kernels').to.equal(0);
      // The same run again compiles nothing new and gives the same values.
      const compiles = backend.counters.compiles;
      const again = asList(sess.run(fetches, feed));
      expect(backend.counters.compiles, 'kernels compiled on the second run').to.equal(compiles);
      fetches.forEach((t, i) => expectClose(again[i], actual[i], 0, 0, `second run of ${t.name}`));
      for (const o of g.get_operations()) seen.add(o.type);
      cpu.close(); sess.close();
    });
  }

  function runProgramCase(c: ProgramCase): void {
    const g = new tf.Graph();
    g.as_default(() => {
      const run = c.build();
      const cpu = new tf.Session({ graph: g, config: { device: 'cpu' } });
      const expected = run(cpu);
      const { sess, backend } = gpuSession(g);
      const actual = run(sess);
      expect(actual.length).to.equal(expected.length);
      expected.forEach((e, i) => expectClose(actual[i], e, c.atol ?? 1e-5, c.rtol ?? 1e-5, `result ${i}`));
      expect(backend.counters.cpuFallbacks, 'steps that fell back to CPU kernels').to.equal(0);
      for (const o of g.get_operations()) seen.add(o.type);
      cpu.close(); sess.close();
    });
  }

  CASES.forEach((c, index) => {
    it(`${c.op}${c.label ? `: ${c.label}` : ''}`, () => {
      if (c.kind === 'op') runOpCase(c, index); else runProgramCase(c);
    });
  });

  // Built-in op types (other spec files register custom ops of their own, some CPU-only on purpose).
  const builtin = BUILTIN_OPS.map((s) => s.name).filter((t) => !(t in HOST_ONLY));

  it('builds every built-in op type, in some case or its gradient', () => {
    const missing = builtin.filter((t) => !seen.has(t) && !(t in NOT_BUILT)).sort();
    expect(missing, 'op types no conformance case exercised').to.deep.equal([]);
  });

  it('has a gpu kernel for every built-in op type', () => {
    expect(builtin.filter((t) => !kernelRegistry().get(t, 'gpu')).sort()).to.deep.equal([]);
  });
});
