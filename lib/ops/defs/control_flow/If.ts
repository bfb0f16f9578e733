import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { ifGradient } from '../../control_flow_grad';

/**
 * TF's functional If: runs then_branch or else_branch (sub-graphs of the same Graph, see
 * docs/control_flow.md) on the captured inputs; only the taken one runs. tf.cond builds it.
 */
export const If: OpSpec = {
  name: 'If',
  inputs: [{ name: 'cond', type: 'bool' }, { name: 'input', type_list_attr: 'Tin' }],
  outputs: [{ name: 'output', type_list_attr: 'Tout' }],
  attrs: {
    Tin: { type: 'list(type)', minimum: 0 },
    Tout: { type: 'list(type)', minimum: 0 },
    then_branch: { type: 'func' },
    else_branch: { type: 'func' },
    output_shapes: { type: 'list(shape)', default: [] },
  },
  is_stateful: true,
  shape: ([pred], attrs, opName) => {
    if (pred.shape !== null && pred.shape.length !== 0) {
      throw new ValueError(`Shape must be rank 0 but is rank ${pred.shape.length} for '${opName}' (op: 'If') with input shapes: [${pred.shape.map((d) => d ?? '?').join(',')}].`);
    }
    const shapes = attrs.output_shapes as StaticShape[];
    return (attrs.Tout as unknown[]).map((_, i) => ({ shape: shapes[i] ?? null }));
  },
  gradient: ifGradient,
};
