import { NDArray } from '../framework/ndarray';
import { InvalidArgumentError } from '../framework/errors';
import { opRegistry } from '../registry/op_registry';
import type { Tensor } from '../framework/tensor';

/** The part of a Session the exporter uses: reading folded values (variables included). */
export interface ValueSource { run(fetches: Tensor, feed_dict: Map<Tensor, NDArray>): unknown }

/** Op types whose output is state the session holds: exported as the value they have now. */
const VARIABLE_TYPES = new Set(['VariableV2', 'Variable', 'VarHandleOp', 'ReadVariableOp']);
const PLACEHOLDER_TYPES = new Set(['Placeholder', 'PlaceholderV2']);

/**
 * Which tensors of the inference graph are constants (Const, variables, values given in
 * the export's `constants`, PlaceholderWithDefault not listed as an input with a constant
 * default, and pure ops of those) and their values, computed by the
 * session that holds the variables; and the rewrites that leave out ops a constant makes
 * trivial, such as dropout's mask when keep_prob is 1.
 */
export class ConstantFolder {
  private readonly foldable = new Map<Tensor, boolean>();
  private readonly values = new Map<Tensor, NDArray>();

  constructor(private readonly sess: ValueSource, private readonly given: Map<Tensor, NDArray>, private readonly inputs: Set<Tensor>) {}

  isConstant(t: Tensor): boolean {
    const known = this.foldable.get(t);
    if (known !== undefined) return known;
    let result: boolean;
    if (this.given.has(t)) result = true;
    else if (this.inputs.has(t) || PLACEHOLDER_TYPES.has(t.op.type)) result = false;
    else if (VARIABLE_TYPES.has(t.op.type)) result = true;
    else if (opRegistry().has(t.op.type) && opRegistry().get(t.op.type).stateful) result = false;
    else result = t.op.inputs.every((i) => this.isConstant(i));
    this.foldable.set(t, result);
    return result;
  }

  /** The value of a constant tensor (isConstant(t) must hold). */
  value(t: Tensor): NDArray {
    const given = this.given.get(t);
    if (given) return given;
    let v = this.values.get(t);
    if (!v) {
      const out = this.sess.run(t, this.given);
      v = out instanceof NDArray ? out : NDArray.scalar(out as number, t.dtype);
      this.values.set(t, v);
    }
    return v;
  }

  /** A rank-0 constant's value (broadcasting it changes no shape), or null when t is not one. */
  scalar(t: Tensor): number | null {
    if (!this.isConstant(t) || (t.shape !== null && t.shape.length > 0)) return null;
    const v = this.value(t);
    return v.shape.length === 0 ? Number(v.data[0]) : null;
  }

  /**
   * The tensor whose value t always equals, skipping ops that change nothing: Identity,
   * multiplying by dropout's mask when keep_prob is the constant 1 (all ones then), and
   * dividing by a constant 1 (dropout's x / keep_prob).
   */
  resolve(t: Tensor): Tensor {
    if (this.inputs.has(t) || this.given.has(t)) return t;
    const op = t.op;
    // A PlaceholderWithDefault that is not an export input is never fed: it is its default, as in a TF run without a feed.
    if (op.type === 'Identity' || op.type === 'StopGradient' || op.type === 'PlaceholderWithDefault') return this.resolve(op.inputs[0]);
    // Dropout's mask broadcasts to x's shape (DropoutMask's contract), and x / keep_prob has x's shape: skipping the
    // product changes no shape.
    if (op.type === 'Mul') {
      const [a, b] = op.inputs;
      if (this.isOnes(b)) return this.resolve(a);
      if (this.isOnes(a)) return this.resolve(b);
    }
    if ((op.type === 'RealDiv' || op.type === 'Div') && !this.isConstant(op.inputs[0]) && this.scalar(op.inputs[1]) === 1) {
      return this.resolve(op.inputs[0]);
    }
    return t;
  }

  /** Whether t is dropout's mask with keep_prob the constant 1 (keep everything). */
  private isOnes(t: Tensor): boolean {
    const keepTensor = t.op.type === 'DropoutMask' ? t.op.inputs[1] : this.floorMaskKeepProb(t);
    if (!keepTensor) return false;
    const keep = this.scalar(keepTensor);
    if (keep !== null && !(keep > 0 && keep <= 1)) throw new InvalidArgumentError(`keep_prob must be in (0, 1], got ${keep}`, t.op.name);
    return keep === 1;
  }

  /**
   * keep_prob of TF1's dropout mask as TensorFlow writes it, floor(keep_prob + u) with u uniform in [0, 1)
   * (what a TF-format export lowers DropoutMask to, and what Python TF's graphs hold); null for anything else.
   */
  private floorMaskKeepProb(t: Tensor): Tensor | null {
    if (t.op.type !== 'Floor') return null;
    const sum = t.op.inputs[0].op;
    if (sum.type !== 'Add' && sum.type !== 'AddV2') return null;
    const [a, b] = sum.inputs;
    if (this.isUnitUniform(b) && this.scalar(a) !== null) return a;
    if (this.isUnitUniform(a) && this.scalar(b) !== null) return b;
    return null;
  }

  /** Whether t is RandomUniform's [0, 1) draw, directly or through tf.random_uniform's `* (max - min) + min` with 1 and 0. */
  private isUnitUniform(t: Tensor): boolean {
    const op = t.op;
    if (op.type === 'RandomUniform') return true;
    if (op.type !== 'Add' && op.type !== 'AddV2') return false;
    const [scaled, min] = op.inputs;
    if (this.scalar(min) !== 0 || scaled.op.type !== 'Mul') return false;
    const [draw, range] = scaled.op.inputs;
    return draw.op.type === 'RandomUniform' && this.scalar(range) === 1;
  }
}
