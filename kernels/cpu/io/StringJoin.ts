import { InvalidArgumentError } from '../../../lib/framework/errors';
import { NDArray, formatShape } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** StringJoin: element-wise concatenation with the separator; scalar inputs repeat. */
export const stringJoinKernel: CpuKernel = (inputs, ctx) => {
  const shaped = inputs.find((a) => a.rank > 0);
  const shape = shaped ? shaped.shape : [];
  for (const a of inputs) {
    if (a.rank > 0 && formatShape(a.shape) !== formatShape(shape)) {
      throw new InvalidArgumentError(`Input shapes do not match: ${formatShape(shape)} vs. ${formatShape(a.shape)}`, ctx.op.name);
    }
  }
  const separator = new TextEncoder().encode(ctx.attrs.separator as string);
  const size = shaped ? shaped.size : 1;
  const out: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const parts = inputs.map((a) => a.strings![a.rank > 0 ? i : 0]);
    const total = parts.reduce((n, p) => n + p.length, 0) + separator.length * (parts.length - 1);
    const joined = new Uint8Array(total);
    let k = 0;
    parts.forEach((p, j) => {
      if (j > 0) { joined.set(separator, k); k += separator.length; }
      joined.set(p, k); k += p.length;
    });
    out.push(joined);
  }
  return NDArray.fromStrings(out, shape);
};
