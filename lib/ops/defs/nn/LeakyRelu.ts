import type { OpSpec } from '../../register_op';
import type { Attrs } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { makeOp1 } from '../../op_builder';
import { FLOAT32, typeAttr } from '../type_attrs';
import { pairShape, sameShape } from './elementwise';

/** The schema checks that alpha is a number; an infinite or NaN one is refused too. */
function checkAlpha(attrs: Attrs, opType: string, opName: string): void {
  if (!Number.isFinite(attrs.alpha)) {
    throw new ValueError(`${opType} '${opName}': alpha must be a finite number, got ${JSON.stringify(attrs.alpha)}`);
  }
}

/** LeakyRelu(features), attr alpha (default 0.2): features > 0 ? features : alpha * features (kernel: kernels/cpu/LeakyRelu.ts). */
export const LeakyRelu: OpSpec = {
  name: 'LeakyRelu',
  inputs: [{ name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'activations', type_attr: 'T' }],
  attrs: { alpha: { type: 'float', default: 0.2 }, T: typeAttr(FLOAT32, 'float32') },
  shape: (inputs, attrs, opName) => { checkAlpha(attrs, 'LeakyRelu', opName); return sameShape(inputs); },
  gradient: (op, [dy]) => [makeOp1('LeakyReluGrad', [dy!, op.inputs[0]], { alpha: op.attrs.alpha })],
};

/** LeakyReluGrad(gradients, features): gradients where features > 0, alpha * gradients elsewhere. */
export const LeakyReluGrad: OpSpec = {
  name: 'LeakyReluGrad',
  inputs: [{ name: 'gradients', type_attr: 'T' }, { name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { alpha: { type: 'float', default: 0.2 }, T: typeAttr(FLOAT32, 'float32') },
  shape: (inputs, attrs, opName) => { checkAlpha(attrs, 'LeakyReluGrad', opName); return pairShape('LeakyReluGrad')(inputs, attrs, opName); },
  gradient: (op, [g]) => [makeOp1('LeakyReluGrad', [g!, op.inputs[1]], { alpha: op.attrs.alpha }), null],
};
