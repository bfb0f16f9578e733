import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';

/** Activation gradient ops take two same-shaped tensors; anything else is a graph error at run time. */
export function requireSameShape(a: NDArray, b: NDArray, opType: string, opName: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new InvalidArgumentError(`${opType} '${opName}': gradients and features must have the same shape, ` +
      `got ${formatShape(a.shape)} and ${formatShape(b.shape)}`, opName);
  }
}
