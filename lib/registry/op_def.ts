import type { DType } from '../framework/dtypes';
import type { NDArray } from '../framework/ndarray';

/*
 * An op's schema, as TensorFlow's OpDef (op_def.proto) states it: named input and
 * output arguments whose dtypes come from a fixed type or a type attr, and typed
 * attrs with defaults. Field names are OpDef's own (type_attr, number_attr, is_ref,
 * allowed_values), so a graph maps one to one onto TensorFlow's NodeDefs (its op types
 * are TensorFlow's, but for SoftmaxGrad, LogSoftmaxGrad and DropoutMask, tensorgraph's own).
 */

/** Static shape: null for an unknown rank, null entries for unknown dimensions. */
export type StaticShape = (number | null)[] | null;

export interface TensorSpec {
  dtype: DType;
  shape: StaticShape;
  /** The value, when the graph knows it while building (a Const, a Shape of a known shape, ...). */
  value?: NDArray;
  /** What a 1-D shape operand is known to describe (TF's input_tensors_as_shapes), e.g. Shape(x) of x: [null, 10]. */
  valueAsShape?: StaticShape;
}

export type Attrs = Record<string, any>;

/** OpDef.AttrDef.type. */
export type AttrType =
  | 'int' | 'float' | 'bool' | 'string' | 'type' | 'shape' | 'tensor' | 'func'
  | 'list(int)' | 'list(float)' | 'list(bool)' | 'list(string)' | 'list(type)' | 'list(shape)' | 'list(tensor)';

export const ATTR_TYPES: readonly AttrType[] = [
  'int', 'float', 'bool', 'string', 'type', 'shape', 'tensor', 'func',
  'list(int)', 'list(float)', 'list(bool)', 'list(string)', 'list(type)', 'list(shape)', 'list(tensor)',
];

/** OpDef.AttrDef: a typed attribute; without a default it is required (or bound from the inputs). */
export interface AttrSpec {
  type: AttrType;
  default?: unknown;
  /** The values it may take (for a type attr: the dtypes, as TF's `T: {float, int32}`). */
  allowed_values?: readonly unknown[];
  /** The least value of an int attr (or the least length of a list attr), as OpDef's has_minimum/minimum. */
  minimum?: number;
}

/**
 * OpDef.ArgDef: one named input or output. Exactly one of `type`, `type_attr` or
 * `type_list_attr` gives its dtype; `number_attr` makes it a list of that many
 * tensors of the one dtype (AddN's `inputs: N * T`).
 */
export interface ArgSpec {
  name: string;
  type?: DType;
  type_attr?: string;
  number_attr?: string;
  type_list_attr?: string;
  /** A variable reference (Assign's `ref`): never read as a value. */
  is_ref?: boolean;
}

/** The schema part of an op registration, checked by the graph when an op is built. */
export interface OpSchema {
  type: string;
  inputs: readonly ArgSpec[];
  outputs: readonly ArgSpec[];
  attrs: Readonly<Record<string, AttrSpec>>;
  /** Ops with effects or randomness: their outputs depend on more than their inputs. */
  is_stateful: boolean;
}
