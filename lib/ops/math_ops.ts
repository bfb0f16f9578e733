import { Tensor, TensorLike } from '../framework/tensor';
import { convertPair, convertToTensor, NameArg, nameFrom } from '../framework/convert';
import { makeOp1 } from './op_builder';

/* Arithmetic. TF1's functions with the same names; the op types are TF1's. */

function binary(type: string, x: TensorLike, y: TensorLike, name: NameArg): Tensor {
  const [a, b] = convertPair(x, y);
  return makeOp1(type, [a, b], {}, nameFrom(name));
}

export function add(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Add', x, y, name); }
export function subtract(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Sub', x, y, name); }
export function multiply(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Mul', x, y, name); }
export function divide(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('RealDiv', x, y, name); }
export function pow(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Pow', x, y, name); }
export function negative(x: TensorLike, name?: NameArg): Tensor { return makeOp1('Neg', [convertToTensor(x)], {}, nameFrom(name)); }

export interface MatMulOptions { transpose_a?: boolean; transpose_b?: boolean; name?: string }

/** tf.matmul(a, b, {transpose_a, transpose_b, name}); 2-D operands. */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions | string = {}): Tensor {
  const opts = typeof options === 'string' ? { name: options } : options;
  const [ta, tb] = convertPair(a, b);
  return makeOp1('MatMul', [ta, tb], { transpose_a: !!opts.transpose_a, transpose_b: !!opts.transpose_b }, opts.name);
}
