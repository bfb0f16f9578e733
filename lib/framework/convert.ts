import { Tensor, TensorLike } from './tensor';
import { NDArray } from './ndarray';
import { DType, dtypeOfTypedArray } from './dtypes';
import { get_default_graph, Graph } from './graph';
import { isShapeObject, shapeObjectValue } from './tensor_shape';

/** Anything with _asTensor (Variables) converts to its value tensor. */
function isTensorConvertible(x: unknown): x is { _asTensor(): Tensor } {
  return typeof x === 'object' && x !== null && typeof (x as any)._asTensor === 'function';
}

/**
 * TF1's convert_to_tensor: tensors pass through, Variables give their value,
 * numbers, (nested) arrays, typed arrays and NDArrays become Const ops (float32 unless
 * dtype says otherwise). The Const holds a copy: the caller may change its array
 * afterwards without changing the graph (as TF1, which copies into a TensorProto).
 */
export function convertToTensor(x: TensorLike, dtype?: DType, name?: string, graph?: Graph): Tensor {
  if (x instanceof Tensor) return x;
  if (isTensorConvertible(x)) return x._asTensor();
  if (isShapeObject(x)) return ownedConstant(shapeObjectValue(x, dtype), name, graph);
  const value = x instanceof NDArray ? copyAs(x, dtype) : NDArray.from(x, dtype ?? inferConstDType(x));
  return ownedConstant(value, name, graph);
}

/** A copy of a caller's array, converted to dtype if given: one copy either way. */
function copyAs(x: NDArray, dtype?: DType): NDArray {
  return dtype && dtype !== x.dtype ? x.astype(dtype) : x.clone();
}

/**
 * A Const whose value the library itself has just made and hands over (nothing else
 * holds it), so it is not copied again; a caller's value goes through convertToTensor.
 */
export function ownedConstant(value: NDArray, name?: string, graph?: Graph): Tensor {
  const g = graph ?? get_default_graph();
  return g.create_op('Const', [], { value, dtype: value.dtype }, name ?? 'Const').outputs[0];
}

/**
 * The dtype of a value given without one: booleans are bool, a typed array keeps its own
 * dtype, and JS numbers are float32. TF1 makes Python's `2` int32, but JS cannot tell 2 from
 * 2.0 and tensorgraph's users write float constants as integers (docs/dtypes.md); next to a
 * tensor (`x.mul(2)`) a number takes that tensor's dtype (convertPair).
 */
export function inferConstDType(x: unknown): DType {
  const typed = dtypeOfTypedArray(x);
  if (typed) return typed;
  let v: any = x;
  while (Array.isArray(v) && v.length > 0) v = v[0];
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'float32';
}

/** The graph a new op belongs to: that of its first tensor input, else the default graph. */
export function graphOf(inputs: readonly unknown[]): Graph {
  for (const x of inputs) {
    if (x instanceof Tensor) return x.graph;
    if (isTensorConvertible(x)) return x._asTensor().graph;
  }
  return get_default_graph();
}

/**
 * Converts the operands of a binary op: constants take the dtype of the tensor operand,
 * as TF1 does for `x * 2`.
 */
export function convertPair(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const g = graphOf([a, b]);
  const ta = a instanceof Tensor || isTensorConvertible(a) ? convertToTensor(a) : null;
  const tb = b instanceof Tensor || isTensorConvertible(b) ? convertToTensor(b) : null;
  const hint = ta?.dtype ?? tb?.dtype;
  return [ta ?? convertToTensor(a, hint, undefined, g), tb ?? convertToTensor(b, hint, undefined, g)];
}

/** Options accepted as the trailing argument of op functions: `{name}` or a plain name string. */
export type NameArg = string | { name?: string } | undefined | null;
export function nameFrom(arg: NameArg): string | undefined {
  if (typeof arg === 'string') return arg;
  return arg?.name ?? undefined;
}
