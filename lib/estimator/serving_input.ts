/** tf.estimator.export's serving inputs: ServingInputReceiver and build_raw_serving_input_receiver_fn. */
import { Tensor } from '../framework/tensor';
import { ValueError } from '../framework/errors';
import { callable } from '../framework/callable';
import { bindArgsBesideDict } from '../framework/python_args';
import { placeholder } from '../ops/array_ops';

/** TF1 wraps a lone tensor into a dict under these keys. */
const SINGLE_FEATURE_KEY = 'feature';
const SINGLE_RECEIVER_KEY = 'input';

function wrap(t: unknown, key: string, what: string): Record<string, Tensor> {
  if (t === null || t === undefined) throw new ValueError(`${what} must be defined.`);
  const dict = t instanceof Tensor ? { [key]: t } : (t as Record<string, Tensor>);
  for (const [k, v] of Object.entries(dict)) {
    if (!(v instanceof Tensor)) throw new ValueError(`${what} must be a Tensor or dict of Tensors; got ${String(v)} for key ${k}`);
  }
  return { ...dict };
}

/**
 * ServingInputReceiver(features, receiver_tensors, receiver_tensors_alternatives=None): what the
 * model_fn sees at serving time (features) and what a client feeds (receiver_tensors).
 */
export class ServingInputReceiverImpl {
  readonly features: Record<string, Tensor>;
  readonly receiver_tensors: Record<string, Tensor>;
  readonly receiver_tensors_alternatives: unknown;
  constructor(...args: unknown[]) {
    // receiver_tensors is itself a dict: it is the keywords only when every key is a parameter name.
    const a = bindArgsBesideDict<{ features: unknown; receiver_tensors: unknown; receiver_tensors_alternatives: unknown }>(
      'ServingInputReceiver', args, ['features', 'receiver_tensors', 'receiver_tensors_alternatives'], 'receiver_tensors', 2);
    this.features = wrap(a.features, SINGLE_FEATURE_KEY, 'features');
    this.receiver_tensors = wrap(a.receiver_tensors, SINGLE_RECEIVER_KEY, 'receiver_tensors');
    this.receiver_tensors_alternatives = a.receiver_tensors_alternatives ?? null;
  }
}
export const ServingInputReceiver = callable(ServingInputReceiverImpl);
export type ServingInputReceiver = ServingInputReceiverImpl;

/**
 * build_raw_serving_input_receiver_fn(features, default_batch_size=None): a receiver fn that makes one
 * placeholder per feature (same dtype, same shape after the batch axis, named by its key) and feeds them
 * to the model unchanged.
 */
export function build_raw_serving_input_receiver_fn(...args: unknown[]): () => ServingInputReceiver {
  // features is itself a dict: it is the keywords only when every key is a parameter name.
  const { features, default_batch_size } = bindArgsBesideDict<{ features: Tensor | Record<string, Tensor>; default_batch_size: number | null }>(
    'build_raw_serving_input_receiver_fn', args, ['features', 'default_batch_size'], 'features', 1);
  const spec = wrap(features, SINGLE_FEATURE_KEY, 'features');
  return function serving_input_receiver_fn(): ServingInputReceiver {
    const receivers: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(spec)) {
      const dims = t.shape;
      receivers[name] = placeholder(t.dtype, dims === null ? null : [default_batch_size ?? null, ...dims.slice(1)], name);
    }
    return new ServingInputReceiverImpl(receivers, { ...receivers });
  };
}
