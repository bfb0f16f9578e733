import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/**
 * TopKV2(input, k): the k largest entries of each last-dimension row, largest first,
 * and their int32 positions; equal values keep the lower position first (TF's order).
 */
export const topKKernel: CpuKernel = ([x, kT], ctx) => {
  const name = ctx.op.name;
  const k = Number(kT.data[0]);
  if (kT.size !== 1) throw new InvalidArgumentError(`k must be scalar, got shape ${formatShape(kT.shape)} (in '${name}')`, name);
  if (k < 0) throw new InvalidArgumentError(`Need k >= 0, got ${k} (in '${name}')`, name);
  if (x.rank < 1) throw new InvalidArgumentError(`input must be >= 1-D, got shape ${formatShape(x.shape)} (in '${name}')`, name);
  const n = x.shape[x.rank - 1];
  if (n < k) throw new InvalidArgumentError(`input must have at least k columns. Had ${n}, needed ${k} (in '${name}')`, name);
  const rows = n === 0 ? 0 : x.size / n;
  const outShape = [...x.shape.slice(0, -1), k];
  const values = ctx.allocate(x.dtype, rows * k, false);
  const positions = ctx.allocate('int32', rows * k, false);
  const d = x.data;
  const order = new Array<number>(n);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => {
      const va = d[base + a], vb = d[base + b];
      return va > vb ? -1 : va < vb ? 1 : a - b;
    });
    for (let j = 0; j < k; j++) {
      values[r * k + j] = d[base + order[j]];
      positions[r * k + j] = order[j];
    }
  }
  return [new NDArray(values, outShape, x.dtype), new NDArray(positions, outShape.slice(), 'int32')];
};

/**
 * InTopKV2(predictions, targets, k): whether predictions[b, targets[b]] is among row b's
 * k largest. Fewer than k strictly larger entries means yes (ties straddling the
 * boundary count as in); a target outside the row, or any non-finite prediction in
 * the row, gives false.
 */
export const inTopKKernel: CpuKernel = ([p, targets, kT], ctx) => {
  const name = ctx.op.name;
  if (p.rank !== 2) throw new InvalidArgumentError(`predictions must be 2-dimensional, got ${formatShape(p.shape)} (in '${name}')`, name);
  if (targets.rank !== 1) throw new InvalidArgumentError(`targets must be 1-dimensional, got ${formatShape(targets.shape)} (in '${name}')`, name);
  const [rows, classes] = p.shape;
  if (targets.shape[0] !== rows) {
    throw new InvalidArgumentError(`First dimension of predictions ${rows} must match length of targets ${targets.shape[0]} (in '${name}')`, name);
  }
  const k = Number(kT.data[0]);
  const out = ctx.allocate('bool', rows, false);
  const d = p.data;
  for (let b = 0; b < rows; b++) {
    const t = Number(targets.data[b]);
    const base = b * classes;
    let inTop = t >= 0 && t < classes && Number.isFinite(d[base + t]);
    if (inTop) {
      const target = d[base + t];
      let larger = 0;
      for (let i = 0; i < classes; i++) {
        const v = d[base + i];
        if (!Number.isFinite(v)) { inTop = false; break; }
        if (v > target) larger++;
      }
      inTop = inTop && larger < k;
    }
    out[b] = inTop ? 1 : 0;
  }
  return new NDArray(out, [rows], 'bool');
};
