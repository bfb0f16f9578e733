import type { Operation } from '../framework/operation';
import type { NDArray } from '../framework/ndarray';
import type { DType } from '../framework/dtypes';

/**
 * An ONNX node attribute: a whole number is an INT, a list of them INTS, a string a
 * STRING; floats must say so ({f}, {floats}), since 1.0 and 1 are the same number here
 * and ONNX checks an attribute's type.
 */
export type OnnxAttr = number | number[] | string | { f: number } | { floats: number[] } | { t: NDArray };

/** A TF output's ONNX value: its name (TF's NHWC layout), or `{nchw}` when only the NCHW transpose of it exists. */
export type OnnxOutput = string | { nchw: string };

/**
 * What an op's ONNX mapping gets: the TF op, its inputs as ONNX value names (constant
 * inputs folded into initializers when asked for), and a way to add ONNX nodes.
 */
export interface OnnxNodeContext {
  /** The TF operation being exported (op.type, op.name, op.attrs). */
  readonly op: Operation;
  /** The default-domain opset the model imports. */
  readonly opset: number;
  /** Input i's ONNX value name, in TF's layout (NHWC for images). */
  input(i: number): string;
  /** Input i transposed NHWC -> NCHW; free when its producer already computed NCHW. */
  inputNchw(i: number): string;
  /** Whether input i exists only as NCHW (its producer was an NCHW op), so staying NCHW costs no transpose. */
  isNchw(i: number): boolean;
  /** Input i's value when it folds to a constant (Const, a variable, a fed constant, or arithmetic on them); else null. */
  constantValue(i: number): NDArray | null;
  /** Input i's static TF shape (null entries unknown; null: unknown rank). */
  inputShape(i: number): (number | null)[] | null;
  /** Adds an ONNX node and returns its output names (`outputs` of them, default 1). */
  node(opType: string, inputs: string[], attrs?: Record<string, OnnxAttr>, options?: { outputs?: number; domain?: string }): string[];
  /** Adds an initializer holding value (a number or list is made of dtype, default float32) and returns its name. */
  constant(value: NDArray | number | number[], dtype?: DType): string;
  /** The exporter's UnimplementedError for this node, with the reason: `throw ctx.unsupported('...')`. */
  unsupported(why: string): Error;
}

/** An op type's ONNX mapping: the ONNX value of each TF output of ctx.op. */
export type OnnxOpMapping = (ctx: OnnxNodeContext) => OnnxOutput[];
