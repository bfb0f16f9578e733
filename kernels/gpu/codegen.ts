/**
 * Helpers that write the index arithmetic of gpu.js kernel sources. Shapes are baked
 * in as literals, so a source is specific to its shapes (compiled once per shape).
 *
 * Index arithmetic runs in float32 on GL: a flat index i is split into coordinates
 * with floor((i + 0.5) / stride), which is exact for every index below 2^24 (the
 * +0.5 keeps a quotient that is an exact integer from rounding down a hair).
 */
import { stridesOf } from '../../lib/framework/ndarray';

/** A number as kernel source text (negative values parenthesized). */
export function lit(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`internal: cannot write ${x} into a gpu kernel`);
  const s = String(Math.fround(x) === x ? x : Math.fround(x));
  return x < 0 ? `(${s})` : s;
}

/**
 * Statements declaring `${p}0 .. ${p}{rank-1}`: the coordinates of flat index `idx` in `shape`.
 * Size-1 dimensions get coordinate 0 without arithmetic.
 */
export function coords(idx: string, shape: readonly number[], p: string): string {
  const rank = shape.length;
  if (rank === 0) return '';
  const strides = stridesOf(shape);
  const lines: string[] = [`const ${p}_r0 = ${idx};`];
  for (let d = 0; d < rank; d++) {
    const rem = `${p}_r${d}`;
    if (d === rank - 1) { lines.push(`const ${p}${d} = ${rem};`); break; }
    if (shape[d] === 1) {
      lines.push(`const ${p}${d} = 0;`, `const ${p}_r${d + 1} = ${rem};`);
      continue;
    }
    lines.push(
      `const ${p}${d} = Math.floor((${rem} + 0.5) / ${strides[d]});`,
      `const ${p}_r${d + 1} = ${rem} - ${p}${d} * ${strides[d]};`,
    );
  }
  return lines.join('\n  ');
}

/**
 * The flat offset into a tensor of `shape`, broadcast (NumPy rules, aligned right)
 * into `outShape`, given the output coordinates named `${p}0..`.
 */
export function broadcastOffset(shape: readonly number[], outShape: readonly number[], p: string): string {
  const strides = stridesOf(shape);
  const off = outShape.length - shape.length;
  const terms: string[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    terms.push(strides[d] === 1 ? `${p}${d + off}` : `${p}${d + off} * ${strides[d]}`);
  }
  return terms.length ? terms.join(' + ') : '0';
}

/** The flat offset of coordinates given as expressions, in a tensor of `shape`. */
export function offsetOf(coordExprs: readonly string[], shape: readonly number[]): string {
  const strides = stridesOf(shape);
  const terms = coordExprs.map((c, d) => (shape[d] === 1 ? null : strides[d] === 1 ? `(${c})` : `(${c}) * ${strides[d]}`))
    .filter((t): t is string => t !== null);
  return terms.length ? terms.join(' + ') : '0';
}

/** A gpu.js kernel function as text. */
export function kernelSource(params: readonly string[], body: string): string {
  return `function(${params.join(', ')}) {\n  ${body}\n}`;
}
