import { container, singleton } from './container';
import { callerLocation } from './op_registry';
import { AlreadyExistsError, LookupError } from '../framework/errors';
import type { Operation } from '../framework/operation';
import type { Tensor } from '../framework/tensor';

/**
 * A gradient function: given the op and the gradients flowing into its outputs
 * (null where an output has none), returns one gradient per input (null where
 * the input gets none). It builds ordinary graph ops.
 */
export type GradientFunction = (op: Operation, grads: (Tensor | null)[]) => (Tensor | null)[];

@singleton()
export class GradientRegistry {
  private readonly fns = new Map<string, { fn: GradientFunction | null; where: string }>();

  register(opType: string, fn: GradientFunction | null): void {
    this.assertFree(opType);
    this.fns.set(opType, { fn, where: callerLocation() });
  }

  /** Throws AlreadyExistsError, saying where the first registration came from, if taken. */
  assertFree(opType: string): void {
    const prior = this.fns.get(opType);
    if (prior) throw new AlreadyExistsError(`Gradient for op type '${opType}' is already registered (first at ${prior.where})`);
  }

  /** The gradient function, null for ops declared not differentiable, or a LookupError. */
  lookup(op: Operation): GradientFunction | null {
    const entry = this.fns.get(op.type);
    if (!entry) throw new LookupError(`No gradient defined for operation '${op.name}' (op type: ${op.type})`);
    return entry.fn;
  }

  has(opType: string): boolean { return this.fns.has(opType); }
}

export function gradientRegistry(): GradientRegistry { return container.resolve(GradientRegistry); }

/** TF1's tf.RegisterGradient, usable as a call: RegisterGradient('MyOp', fn). */
export function RegisterGradient(opType: string, fn: GradientFunction): void {
  gradientRegistry().register(opType, fn);
}

/** TF1's tf.NotDifferentiable: the op passes no gradient to its inputs. */
export function NotDifferentiable(opType: string): void {
  gradientRegistry().register(opType, null);
}
