/*
 * tf.contrib.layers.fully_connected and tf.contrib.layers.flatten, as TF1's contrib wraps
 * tf.layers: fully_connected is a Dense whose variables are named weights and biases
 * (fully_connected/weights), model variables (MODEL_VARIABLES), with activation_fn relu by
 * default and xavier weights; flatten is tf.layers.flatten under the name scope 'Flatten'.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { GraphKeys, get_default_graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { pyfunc } from '../framework/python_args';
import { convertToTensor } from '../framework/convert';
import { relu } from '../ops/nn_activation_ops';
import { xavier_initializer, Zeros } from '../ops/init_ops';
import { variable_scope, VariableScope } from '../ops/variable_scope';
import type { InitializerArg } from '../ops/variable_scope';
import type { Regularizer } from '../ops/regularizers';
import type { Variable } from '../ops/variables';
import { AddWeightOptions } from './base';
import { Activation, Dense } from './dense';
import { flatten as layersFlatten } from './flatten';

/** contrib's variable getter renames kernel and bias, and makes them model variables. */
const CONTRIB_NAMES: Record<string, string> = { kernel: 'weights', bias: 'biases' };

class FullyConnectedDense extends Dense {
  add_weight(name: string, o: AddWeightOptions): Variable {
    const v = super.add_weight(CONTRIB_NAMES[name] ?? name, o);
    const g = get_default_graph();
    if (!g.get_collection(GraphKeys.MODEL_VARIABLES).includes(v)) g.add_to_collection(GraphKeys.MODEL_VARIABLES, v);
    return v;
  }
}

/** variables_collections: a list for all variables, or {weights: [...], biases: [...]}. */
function addToCollections(v: Variable, collections: unknown, key: string): void {
  if (collections === undefined || collections === null) return;
  const names = Array.isArray(collections) ? collections : (collections as Record<string, unknown>)[key];
  if (names) get_default_graph().add_to_collections(names as string[], v);
}

/**
 * tf.contrib.layers.fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None,
 * normalizer_params=None, weights_initializer=xavier_initializer(), weights_regularizer=None,
 * biases_initializer=zeros_initializer(), biases_regularizer=None, reuse=None, variables_collections=None,
 * outputs_collections=None, trainable=True, scope=None). normalizer_fn is called as
 * normalizer_fn(outputs, normalizer_params) and replaces the biases, as in TF1.
 */
export const fully_connected = pyfunc('fully_connected', ['inputs', 'num_outputs', 'activation_fn', 'normalizer_fn', 'normalizer_params',
  'weights_initializer', 'weights_regularizer', 'biases_initializer', 'biases_regularizer', 'reuse', 'variables_collections',
  'outputs_collections', 'trainable', 'scope'], 2, function fully_connected(inputs: TensorLike, num_outputs: number,
  activation_fn?: Activation, normalizer_fn?: ((x: Tensor, params?: Record<string, unknown>) => Tensor) | null,
  normalizer_params?: Record<string, unknown> | null, weights_initializer?: InitializerArg | null, weights_regularizer?: Regularizer | null,
  biases_initializer?: InitializerArg | null, biases_regularizer?: Regularizer | null, reuse?: unknown, variables_collections?: unknown,
  outputs_collections?: string | string[] | null, trainable?: boolean, scope?: string | VariableScope | null): Tensor {
  if (!Number.isInteger(num_outputs)) throw new ValueError(`num_outputs should be int or long, got ${String(num_outputs)}.`);
  const activation = activation_fn === undefined ? relu : activation_fn;
  const weightsInit = weights_initializer === undefined ? xavier_initializer() : weights_initializer;
  const biasesInit = biases_initializer === undefined ? new Zeros() : biases_initializer;
  return variable_scope(scope ?? null, { default_name: 'fully_connected', values: [inputs], reuse: reuse ?? null }, (sc) => {
    const x = convertToTensor(inputs, undefined, 'inputs');
    const layer = new FullyConnectedDense(num_outputs, { use_bias: !normalizer_fn && biasesInit !== null, kernel_initializer: weightsInit,
      bias_initializer: biasesInit, kernel_regularizer: weights_regularizer, bias_regularizer: biases_regularizer, trainable,
      name: sc.name, dtype: x.dtype, _scope: sc, _reuse: reuse });
    let outputs = layer.apply(x);
    addToCollections(layer.kernel, variables_collections, 'weights');
    if (layer.bias) addToCollections(layer.bias, variables_collections, 'biases');
    if (normalizer_fn) outputs = normalizer_fn(outputs, normalizer_params ?? {});
    if (activation) outputs = activation(outputs);
    if (outputs_collections) get_default_graph().add_to_collections(outputs_collections, outputs);
    return outputs;
  });
});

/** tf.contrib.layers.flatten(inputs, outputs_collections=None, scope=None): tf.layers.flatten inside name scope 'Flatten' (Flatten/flatten/Reshape). */
export const flatten = pyfunc('flatten', ['inputs', 'outputs_collections', 'scope'], 1, function flatten(inputs: TensorLike,
  outputs_collections?: string | string[] | null, scope?: string | null): Tensor {
  return get_default_graph().name_scope(scope ?? 'Flatten', () => {
    const outputs = layersFlatten(inputs);
    if (outputs_collections) get_default_graph().add_to_collections(outputs_collections, outputs);
    return outputs;
  });
});
