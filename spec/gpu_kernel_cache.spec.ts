/**
 * The gpu backend's cache of compiled gpu.js kernels is bounded: least recently used
 * out first, destroyed (gpu.js Kernel#destroy) once no device buffer holds one of its
 * outputs, so memory stays bounded when shapes keep changing.
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { ValueError } from '../lib/framework/errors';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { CompiledKernel, DEFAULT_KERNEL_CACHE_LIMIT, KernelCache, kernelCacheLimitFromEnv } from '../lib/gpu/kernel_cache';
import type { GpuDevice } from '../lib/gpu/device';

/** A stand-in for a gpu.js kernel that counts destroy() calls. */
function fakeKernel(): CompiledKernel & { destroyed: number } {
  const k = Object.assign(() => null, { destroyed: 0, destroy: () => { k.destroyed++; } });
  return k;
}

function withEnv<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.TENSORGRAPH_GPU_KERNEL_CACHE;
  if (value === undefined) delete process.env.TENSORGRAPH_GPU_KERNEL_CACHE; else process.env.TENSORGRAPH_GPU_KERNEL_CACHE = value;
  try { return fn(); } finally {
    if (saved === undefined) delete process.env.TENSORGRAPH_GPU_KERNEL_CACHE; else process.env.TENSORGRAPH_GPU_KERNEL_CACHE = saved;
  }
}

describe('gpu kernel cache (LRU)', () => {
  it('evicts the least recently used kernel beyond the bound and destroys it', () => {
    const cache = new KernelCache(2);
    const [a, b, c] = [fakeKernel(), fakeKernel(), fakeKernel()];
    cache.add('a', a);
    cache.add('b', b);
    expect(cache.get('a')!.kernel).to.equal(a); // a is now the most recently used
    cache.add('c', c);
    expect([a.destroyed, b.destroyed, c.destroyed]).to.deep.equal([0, 1, 0]);
    expect(cache.get('b')).to.equal(undefined);
    expect(cache.size).to.equal(2);
  });

  it('destroys an evicted kernel only when its last live output is freed', () => {
    const cache = new KernelCache(1);
    const a = fakeKernel();
    const entry = cache.add('a', a);
    const out1 = entry.outputMade(), out2 = entry.outputMade();
    cache.add('b', fakeKernel());
    expect(a.destroyed).to.equal(0);
    expect(cache.retiringCount).to.equal(1);
    out1.outputFreed();
    expect(a.destroyed).to.equal(0);
    out2.outputFreed();
    expect(a.destroyed).to.equal(1);
    expect(entry.isDestroyed).to.equal(true);
    expect(cache.retiringCount).to.equal(0);
  });

  it('lowering the bound evicts at once; a bound below 1 or not whole is a ValueError', () => {
    const cache = new KernelCache(3);
    const ks = [fakeKernel(), fakeKernel(), fakeKernel()];
    ks.forEach((k, i) => cache.add(String(i), k));
    cache.limit = 1;
    expect(ks.map((k) => k.destroyed)).to.deep.equal([1, 1, 0]);
    expect(() => { cache.limit = 0; }).to.throw(ValueError, /at least 1; got 0/);
    expect(() => new KernelCache(2.5)).to.throw(ValueError, /whole number/);
  });

  it('takes its bound from TENSORGRAPH_GPU_KERNEL_CACHE, else 256', () => {
    expect(withEnv(undefined, kernelCacheLimitFromEnv)).to.equal(DEFAULT_KERNEL_CACHE_LIMIT);
    expect(DEFAULT_KERNEL_CACHE_LIMIT).to.equal(256);
    expect(withEnv('12', kernelCacheLimitFromEnv)).to.equal(12);
    expect(() => withEnv('lots', kernelCacheLimitFromEnv)).to.throw(ValueError, /TENSORGRAPH_GPU_KERNEL_CACHE \("lots"\)/);
  });
});

describe('gpu kernel cache on the gpu backend', function () {
  this.timeout(120000);
  const DEVICE = probeGl() ? 'gpu' : 'gpu-webasm';

  /** Records every kernel the device's gpu.js instance compiles while fn runs, and which were destroyed. */
  async function spyKernels<T>(device: GpuDevice, fn: (made: { kernel: any; destroyed: boolean }[]) => Promise<T> | T): Promise<T> {
    const made: { kernel: any; destroyed: boolean }[] = [];
    const gpu = device.gpu;
    const createKernel = gpu.createKernel;
    gpu.createKernel = function (...args: unknown[]) {
      const kernel = createKernel.apply(gpu, args);
      const record = { kernel, destroyed: false };
      const destroy = kernel.destroy;
      kernel.destroy = (...a: unknown[]) => { record.destroyed = true; return destroy.apply(kernel, a); };
      made.push(record);
      return kernel;
    };
    try { return await fn(made); } finally { delete gpu.createKernel; }
  }

  it('with a bound of 2: three shapes compile, the first shape\'s kernels are destroyed, results stay right after recompiling', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const p = tf.placeholder('float32', [null]);
      // A source no other test compiles, so every kernel here is new to the process-wide cache.
      return { x: p, y: tf.add(tf.multiply(p, 3), tf.constant(0.625)) };
    });
    const sess = new tf.Session({ graph: g, config: { device: DEVICE, gpuKernelCache: 2 } });
    const backend = sess.backend as GpuBackend;
    const device = backend.device;
    try {
      expect(device.kernelCacheLimit).to.equal(2);
      const run = (n: number) => (sess.run(y, new Map([[x, NDArray.from(Array.from({ length: n }, (_, i) => i))]])) as NDArray).toArray();
      const expected = (n: number) => Array.from({ length: n }, (_, i) => 3 * i + 0.625);
      await spyKernels(device, (made) => {
        expect(run(2)).to.deep.equal(expected(2));
        const firstShape = made.length;
        expect(firstShape).to.be.greaterThan(0);
        expect(run(3)).to.deep.equal(expected(3));
        expect(run(5)).to.deep.equal(expected(5));
        // Every kernel of the first shape is out of the cache and destroyed; the two most recent are kept.
        expect(made.slice(0, firstShape).map((m) => m.destroyed)).to.deep.equal(new Array(firstShape).fill(true));
        expect(made.slice(-2).map((m) => m.destroyed)).to.deep.equal([false, false]);
        expect(device.cachedKernelCount).to.equal(2);
        // None of this test's evicted kernels waits: their outputs went when the runs ended.
        expect(made.slice(0, -2).filter((m) => !m.destroyed)).to.have.length(0);
        const compiles = backend.counters.compiles;
        expect(run(2)).to.deep.equal(expected(2));
        expect(backend.counters.compiles).to.be.greaterThan(compiles);
        expect(run(5)).to.deep.equal(expected(5));
      });
    } finally {
      device.kernelCacheLimit = DEFAULT_KERNEL_CACHE_LIMIT;
      sess.close();
    }
  });

  it('an evicted kernel whose output a variable still holds is destroyed only after the variable lets go of it', async () => {
    const g = new tf.Graph();
    const { v, x, assign } = g.as_default(() => {
      const p = tf.placeholder('float32', [4]);
      const w = tf.Variable(tf.zeros([4]), { name: 'kept_on_device' } as any);
      return { v: w, x: p, assign: tf.assign(w, tf.add(tf.multiply(p, 2), tf.constant(0.375))) };
    });
    const sess = new tf.Session({ graph: g, config: { device: DEVICE, gpuKernelCache: 1 } });
    const device = (sess.backend as GpuBackend).device;
    const alive = (made: { destroyed: boolean }[]) => made.filter((m) => !m.destroyed).length;
    await spyKernels(device, (made) => {
      try {
        sess.run(v.initializer);
        // Fetching the op reads nothing back: v's value is first read back after its kernel was evicted.
        sess.run(assign.op, new Map([[x, NDArray.from([1, 2, 3, 4])]]));
        // Compiles kernels of its own (a fed value goes to the device), evicting the one that computed v.
        const { q, other } = g.as_default(() => {
          const p = tf.placeholder('float32', [7]);
          return { q: p, other: tf.multiply(p, 2.5) };
        });
        const out = sess.run(other, new Map([[q, NDArray.from([1, 2, 3, 4, 5, 6, 7])]])) as NDArray;
        expect(out.toArray()).to.deep.equal([2.5, 5, 7.5, 10, 12.5, 15, 17.5]);
        // One kernel fits in the cache: any other alive is evicted and waits for v to let go of its output.
        expect(alive(made)).to.be.greaterThan(1);
        expect((sess.run(v) as NDArray).toArray()).to.deep.equal([2.375, 4.375, 6.375, 8.375]);
        sess.run(v.initializer);
        expect((sess.run(v) as NDArray).toArray()).to.deep.equal([0, 0, 0, 0]);
      } finally {
        device.kernelCacheLimit = DEFAULT_KERNEL_CACHE_LIMIT;
        sess.close();
      }
      // The session's values are gone, and with them every evicted kernel of this test.
      expect(alive(made)).to.be.at.most(1);
    });
  });
});
