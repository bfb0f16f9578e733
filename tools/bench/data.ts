import * as path from 'path';
import { Xoshiro128 } from '../../lib/framework/random';

/** The 10,000 real MNIST digits of the `mnist` package, as both sides are fed them. */
export interface MnistData {
  count: number;
  /** [count, 784] in [0, 1]. */
  images: Float32Array;
  /** [count, 10] one-hot. */
  labels: Float32Array;
}

let cached: MnistData | null = null;

/**
 * Reads the digits straight from the package's JSON files (src/digits/<d>.json, 784
 * values per image) and interleaves them digit by digit, so every batch holds all
 * classes and the order is the same on every run.
 */
export function mnistDigits(): MnistData {
  if (cached) return cached;
  const dir = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perDigit: Float32Array[] = [];
  for (let d = 0; d < 10; d++) {
    const { data } = require(path.join(dir, `${d}.json`)) as { data: number[] };
    perDigit.push(Float32Array.from(data));
  }
  const count = perDigit.reduce((s, a) => s + a.length / 784, 0);
  const images = new Float32Array(count * 784), labels = new Float32Array(count * 10);
  const next = new Array(10).fill(0);
  for (let i = 0; i < count;) {
    for (let d = 0; d < 10 && i < count; d++) {
      if (next[d] * 784 >= perDigit[d].length) continue;
      images.set(perDigit[d].subarray(next[d] * 784, (next[d] + 1) * 784), i * 784);
      labels[i * 10 + d] = 1;
      next[d]++;
      i++;
    }
  }
  cached = { count, images, labels };
  return cached;
}

/** Batch `step` of `size` images (wrapping around the data), as views: no copy. */
export function batchAt(data: MnistData, step: number, size: number): { xs: Float32Array; ys: Float32Array } {
  const batches = Math.floor(data.count / size);
  const start = (step % batches) * size;
  return {
    xs: data.images.subarray(start * 784, (start + size) * 784),
    ys: data.labels.subarray(start * 10, (start + size) * 10),
  };
}

/** Normal values with stddev, redrawn beyond 2 stddev (tf.truncated_normal), seeded. */
export function truncatedNormal(size: number, stddev: number, seed: number): Float32Array {
  const rng = new Xoshiro128(seed, 1);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let z: number;
    do {
      const u = Math.max(rng.uniform(), 1e-12), v = rng.uniform();
      z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    } while (Math.abs(z) > 2);
    out[i] = z * stddev;
  }
  return out;
}

/** Uniform values in [-1, 1), seeded. */
export function uniformValues(size: number, seed: number): Float32Array {
  const rng = new Xoshiro128(seed, 2);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.uniform() * 2 - 1;
  return out;
}

/** The Deep MNIST tutorial's parameters, initialised as it does (truncated normal 0.1, biases 0.1). */
export interface CnnWeights {
  shapes: Record<string, number[]>;
  values: Record<string, Float32Array>;
}

export function cnnWeights(): CnnWeights {
  const shapes: Record<string, number[]> = {
    W_conv1: [5, 5, 1, 32], b_conv1: [32], W_conv2: [5, 5, 32, 64], b_conv2: [64],
    W_fc1: [7 * 7 * 64, 1024], b_fc1: [1024], W_fc2: [1024, 10], b_fc2: [10],
  };
  const values: Record<string, Float32Array> = {};
  let seed = 1;
  for (const [name, shape] of Object.entries(shapes)) {
    const size = shape.reduce((a, b) => a * b, 1);
    values[name] = name.startsWith('b_') ? new Float32Array(size).fill(0.1) : truncatedNormal(size, 0.1, seed++);
  }
  return { shapes, values };
}
