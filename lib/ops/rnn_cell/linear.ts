/* The fused product every TF1 cell computes: matmul(concat([inputs, state], 1), kernel) + bias. */
import { Tensor } from '../../framework/tensor';
import { get_variable } from '../variable_scope';
import type { InitializerArg } from '../variable_scope';
import { concat } from '../array_ops';
import { matmul } from '../math_ops';
import { bias_add } from '../nn_conv_ops';
import { Zeros } from '../init_ops';

/** Creates (or reuses) `<scope>/kernel` of [sum of arg depths, outputSize] and `<scope>/bias` of [outputSize]. */
export function linear(args: Tensor[], outputSize: number, opts: {
  kernelInitializer?: InitializerArg | null; biasInitializer?: InitializerArg | null; bias?: boolean;
} = {}): Tensor {
  const depth = args.reduce((n, t) => n + (t.shape![1] as number), 0);
  const dtype = args[0].dtype;
  const kernel = get_variable('kernel', { shape: [depth, outputSize], dtype, initializer: opts.kernelInitializer ?? null });
  const x = args.length === 1 ? args[0] : concat(args, 1);
  const product = matmul(x, kernel);
  if (opts.bias === false) return product;
  const bias = get_variable('bias', { shape: [outputSize], dtype, initializer: opts.biasInitializer ?? new Zeros() });
  return bias_add(product, bias);
}
