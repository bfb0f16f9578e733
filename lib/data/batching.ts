/** batch and padded_batch: consecutive elements stacked along a new first dimension. */
import { NDArray } from '../framework/ndarray';
import { InvalidArgumentError, ValueError } from '../framework/errors';
import type { StaticShape } from '../registry/op_def';
import { flattenAs } from './structure';
import type { Element, Pipeline } from './pipeline';
import { stackArrays, padTo } from './ndarray_ops';

function checkBatchSize(n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`Batch size must be greater than zero, got ${n}`);
}

/** Up to n elements from the source; fewer at the end, none when it is done (or a short last batch is dropped). */
function takeBatch(source: { next(): Element | null }, n: number, dropRemainder: boolean): Element[] | null {
  const items: Element[] = [];
  while (items.length < n) { const e = source.next(); if (!e) break; items.push(e); }
  if (items.length === 0 || (dropRemainder && items.length < n)) return null;
  return items;
}

function batchedShapes(shapes: readonly StaticShape[], n: number, dropRemainder: boolean): StaticShape[] {
  return shapes.map((s) => (s === null ? null : [dropRemainder ? n : null, ...s]));
}

export function batchPipeline(input: Pipeline, batchSize: number, dropRemainder: boolean): Pipeline {
  checkBatchSize(batchSize);
  return {
    ...input, shapes: batchedShapes(input.shapes, batchSize, dropRemainder),
    open(env) {
      const source = input.open(env);
      return {
        next: () => {
          const items = takeBatch(source, batchSize, dropRemainder);
          return items && input.types.map((_, c) => stackArrays(items.map((e) => e[c]!), c));
        },
      };
    },
  };
}

function shapeList(x: unknown): StaticShape {
  if (x === null || x === undefined) return null;
  const dims = typeof (x as { as_list?: unknown }).as_list === 'function' ? (x as { as_list(): StaticShape }).as_list() : x;
  if (!Array.isArray(dims)) throw new ValueError(`padded_shapes must be shapes (lists of sizes), got ${String(x)}`);
  return dims.map((d) => (d === null || d === -1 ? null : Number(d)));
}

export function paddedBatchPipeline(input: Pipeline, batchSize: number, paddedShapes: unknown, paddingValues: unknown,
  dropRemainder: boolean): Pipeline {
  checkBatchSize(batchSize);
  const padded = flattenAs(input.structure, paddedShapes, 'padded_shapes').map(shapeList);
  padded.forEach((p, c) => {
    const s = input.shapes[c];
    if (p === null) throw new ValueError(`padded_shapes for component ${c} must have a known rank`);
    if (s !== null && s !== undefined && (s.length !== p.length || s.some((d, i) => d !== null && p[i] !== null && d > p[i]!))) {
      throw new ValueError(`The padded shape [${p.map((d) => d ?? -1).join(',')}] is not compatible with the corresponding input component shape [${s.map((d) => d ?? -1).join(',')}].`);
    }
  });
  const fills = paddingValues === undefined || paddingValues === null
    ? input.types.map((t) => (t === 'string' ? NDArray.fromStrings([''], []) : NDArray.scalar(0, t)))
    : flattenAs(input.structure, paddingValues, 'padding_values').map((v, c) =>
      (v instanceof NDArray ? v : typeof v === 'string' ? NDArray.fromStrings([v], []) : NDArray.scalar(v as number, input.types[c]!)));
  return {
    ...input,
    shapes: padded.map((p) => [dropRemainder ? batchSize : null, ...p!]),
    open(env) {
      const source = input.open(env);
      return {
        next: () => {
          const items = takeBatch(source, batchSize, dropRemainder);
          if (!items) return null;
          return input.types.map((_, c) => {
            const parts = items.map((e) => e[c]!);
            const target = padded[c]!.map((d, i) => d ?? Math.max(...parts.map((a) => a.shape[i] ?? 0)));
            parts.forEach((a) => {
              if (a.rank !== target.length || a.shape.some((d, i) => d > target[i]!)) {
                throw new InvalidArgumentError(`Attempted to pad to a smaller size than the input element: component ${c} has shape [${a.shape.join(',')}], padded shape [${target.join(',')}]`);
              }
            });
            return stackArrays(parts.map((a) => padTo(a, target, fills[c]!)), c);
          });
        },
      };
    },
  };
}
