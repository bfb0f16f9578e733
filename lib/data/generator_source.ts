/** Dataset.from_generator: elements pulled from a JS generator (TF1 calls a Python generator). */
import { Tensor } from '../framework/tensor';
import { NDArray, formatShape } from '../framework/ndarray';
import { as_dtype, DType } from '../framework/dtypes';
import { InvalidArgumentError, ValueError } from '../framework/errors';
import { convertToTensor } from '../framework/convert';
import type { StaticShape } from '../registry/op_def';
import { flattenAs, flattenValue } from './structure';
import type { ElementStream, Pipeline } from './pipeline';

/** Whether every scalar of a (nested) JS value can be a `dtype` element: text for strings, numbers or booleans otherwise. */
function scalarsFit(x: unknown, dtype: DType): boolean {
  if (Array.isArray(x)) return x.every((v) => scalarsFit(v, dtype));
  if (dtype === 'string') return typeof x === 'string' || x instanceof Uint8Array;
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint';
}

function toShape(x: unknown, what: string): StaticShape {
  if (x === null || x === undefined) return null;
  if (!Array.isArray(x) || !x.every((d) => d === null || (Number.isInteger(d) && d >= 0))) {
    throw new ValueError(`from_generator: ${what} must be a shape (an array of dimensions or null), got ${JSON.stringify(x)}`);
  }
  return x as (number | null)[];
}

/**
 * `generator` is called anew each time an iterator is initialized (TF1 re-runs the Python
 * generator), with `args`' values when given (graph tensors are read in the initializer's
 * run). Each yielded element must have output_types' nesting; its leaves are converted to
 * those dtypes and checked against output_shapes (unknown where not given), with TF's errors.
 */
export function fromGenerator(generator: (...args: NDArray[]) => Iterable<unknown>, outputTypes: unknown,
  outputShapes: unknown, args: unknown[] | null | undefined): Pipeline {
  if (typeof generator !== 'function') throw new TypeError('`generator` must be callable.');
  const { structure, leaves: typeLeaves } = flattenValue(outputTypes, true);
  const types: DType[] = typeLeaves.map((t) => as_dtype(t as DType));
  const shapes: StaticShape[] = outputShapes === null || outputShapes === undefined
    ? types.map(() => null)
    : flattenAs(structure, outputShapes, 'output_shapes').map((s, i) => toShape(s, `output_shapes[${i}]`));
  const argTensors: Tensor[] = (args ?? []).map((a) => (a instanceof Tensor ? a : convertToTensor(a as never)));
  return {
    structure, types, shapes, captures: argTensors,
    open(env): ElementStream {
      const iterable = generator(...argTensors.map((t) => env.valueOf(t)));
      if (!iterable || typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== 'function') {
        throw new InvalidArgumentError('`generator` must return an iterable (a generator function\'s result, an array, ...).');
      }
      const it = (iterable as Iterable<unknown>)[Symbol.iterator]();
      return {
        next: () => {
          const step = it.next();
          if (step.done) return null;
          let leaves: unknown[];
          try {
            leaves = flattenAs(structure, step.value, 'the yielded element');
          } catch {
            throw new InvalidArgumentError('`generator` yielded an element that did not match the expected structure. ' +
              `The expected structure was ${JSON.stringify(outputTypes)}, but the yielded element was ${JSON.stringify(step.value)}.`);
          }
          return leaves.map((leaf, i) => {
            let value: NDArray;
            try {
              if (!(leaf instanceof NDArray) && !scalarsFit(leaf, types[i]!)) throw new TypeError('not convertible');
              value = leaf instanceof NDArray ? (leaf.dtype === types[i] ? leaf : leaf.astype(types[i]!)) : NDArray.from(leaf, types[i]!);
            } catch (e) {
              throw new InvalidArgumentError('`generator` yielded an element that could not be converted to the expected type. ' +
                `The expected type was ${types[i]}, but the yielded element was ${JSON.stringify(leaf)}.`);
            }
            const want = shapes[i];
            if (want && (want.length !== value.shape.length || want.some((d, k) => d !== null && d !== value.shape[k]))) {
              throw new InvalidArgumentError(`\`generator\` yielded an element of shape ${formatShape(value.shape)} where an element ` +
                `of shape ${formatShape(want)} was expected.`);
            }
            return value;
          });
        },
      };
    },
  };
}
