import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';
import { whileGradient } from '../../control_flow_grad';

/**
 * TF's functional While: while cond(vars) holds, vars = body(vars). The loop vars come
 * first, then the outer values cond and body capture (they do not change per iteration).
 */
export const While: OpSpec = {
  name: 'While',
  inputs: [{ name: 'input', type_list_attr: 'T' }, { name: 'captures', type_list_attr: 'Tcaptures' }],
  outputs: [{ name: 'output', type_list_attr: 'T' }],
  attrs: {
    T: { type: 'list(type)', minimum: 0 },
    Tcaptures: { type: 'list(type)', minimum: 0 },
    cond: { type: 'func' },
    body: { type: 'func' },
    output_shapes: { type: 'list(shape)', default: [] },
    parallel_iterations: { type: 'int', default: 10 },
  },
  is_stateful: true,
  shape: (_inputs, attrs) => {
    const shapes = attrs.output_shapes as StaticShape[];
    return (attrs.T as unknown[]).map((_, i) => ({ shape: shapes[i] ?? null }));
  },
  gradient: whileGradient,
};

/**
 * The gradient of a While: runs the forward loop again keeping every iteration's loop
 * vars on a stack, then runs body_grad from the last iteration back to the first.
 * Inputs: the While's inputs, the gradients of its outputs, body_grad's captures.
 * Outputs: the gradients of the loop vars' initial values and of the captures.
 */
export const WhileGrad: OpSpec = {
  name: 'WhileGrad',
  inputs: [
    { name: 'input', type_list_attr: 'T' }, { name: 'captures', type_list_attr: 'Tcaptures' },
    { name: 'output_grads', type_list_attr: 'T_grads' }, { name: 'grad_captures', type_list_attr: 'Tgrad_captures' },
  ],
  outputs: [{ name: 'input_grads', type_list_attr: 'T' }, { name: 'capture_grads', type_list_attr: 'Tcaptures' }],
  attrs: {
    T: { type: 'list(type)', minimum: 0 },
    Tcaptures: { type: 'list(type)', minimum: 0 },
    T_grads: { type: 'list(type)', minimum: 0 },
    Tgrad_captures: { type: 'list(type)', minimum: 0 },
    cond: { type: 'func' },
    body: { type: 'func' },
    body_grad: { type: 'func' },
  },
  is_stateful: true,
  shape: (inputs, attrs) => {
    const n = (attrs.T as unknown[]).length + (attrs.Tcaptures as unknown[]).length;
    return inputs.slice(0, n).map((s) => ({ shape: s.shape }));
  },
  gradient: null,
};
