import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { CpuKernel } from '../../../registry/kernel_registry';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';
import type { AttrSpec } from '../../register_op';

/** What distinguishes one optimizer update op (ApplyAdam, ...) from another. */
export interface ApplyOpDescription {
  /** The TF1 op type. */
  name: string;
  /** Input names in TF1's order; the first `refs` are the variable and its slots. */
  inputs: string[];
  refs: number;
  /** Inputs that must be scalars (learning rate and the other hyperparameters). */
  scalars: string[];
  /** Attributes besides use_locking (use_nesterov, update_slots). */
  attrs?: Record<string, AttrSpec>;
  cpu: CpuKernel;
}

function compatible(a: StaticShape, b: StaticShape): boolean {
  if (a === null || b === null) return true;
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

function merge(a: StaticShape, b: StaticShape): StaticShape {
  if (a === null) return b;
  if (b === null) return a;
  return a.map((d, i) => d ?? b[i]);
}

/**
 * An in-place optimizer update: refs are updated through ctx.ref(i).writable() and the
 * op outputs the updated variable. All inputs are float32 (the only float dtype); the variable, its slots and
 * the gradient share one shape; hyperparameters are scalars. Not differentiable.
 */
export function applyOp(d: ApplyOpDescription): LegacyOpSpec {
  return {
    name: d.name,
    inputs: d.inputs.map((name) => ({ name, dtype: 'float32' })),
    // use_locking is accepted for TF1 compatibility; runs are sequential, so it changes nothing.
    attrs: { use_locking: { type: 'bool', default: false }, ...d.attrs },
    refInputs: Array.from({ length: d.refs }, (_, i) => i),
    stateful: true,
    outputs: (specs: TensorSpec[], _attrs, opName) => {
      const shapes = () => specs.map((s) => shapeToString(s.shape)).join(', ');
      let shape = specs[0].shape;
      specs.forEach((s, i) => {
        const input = d.inputs[i];
        if (d.scalars.includes(input)) {
          if (s.shape !== null && s.shape.length !== 0) {
            throw new ValueError(`Shape must be rank 0 but is rank ${s.shape.length} for '${opName}' (op: '${d.name}'), ` +
              `input '${input}', with input shapes: ${shapes()}.`);
          }
        } else if (!compatible(shape, s.shape)) {
          throw new ValueError(`Shapes of var ${shapeToString(specs[0].shape)} and ${input} ${shapeToString(s.shape)} are incompatible ` +
            `for '${opName}' (op: '${d.name}') with input shapes: ${shapes()}.`);
        } else {
          shape = merge(shape, s.shape);
        }
      });
      return { dtype: 'float32', shape };
    },
    cpu: d.cpu,
    gradient: null,
  };
}
