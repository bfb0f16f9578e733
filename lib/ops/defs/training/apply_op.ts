import type { OpSpec, AttrSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';

/** What distinguishes one optimizer update op (ApplyAdam, ...) from another, in TF's training_ops.cc terms. */
export interface ApplyOpDescription {
  /** The TF1 op type. */
  name: string;
  /** Input names in TF1's order; the first `refs` are the variable and its slots (Ref(T)). */
  inputs: string[];
  refs: number;
  /** Inputs that must be scalars (learning rate and the other hyperparameters). */
  scalars: string[];
  /** The dtypes its kernel updates (float32 unless given). */
  types?: readonly DType[];
  /** Attributes besides T and use_locking (use_nesterov, update_slots). */
  attrs?: Record<string, AttrSpec>;
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
 * An in-place optimizer update: every input is of type T (float32 is the one our
 * kernels update); the variable, its slots and the gradient share one shape;
 * hyperparameters are scalars; the output is the updated variable (`out: Ref(T)`).
 * Kernels: kernels/cpu/training/. Not differentiable.
 */
export function applyOp(d: ApplyOpDescription): OpSpec {
  return {
    name: d.name,
    inputs: d.inputs.map((name, i) => (i < d.refs ? { name, type_attr: 'T', is_ref: true } : { name, type_attr: 'T' })),
    outputs: [{ name: 'out', type_attr: 'T', is_ref: true }],
    attrs: {
      T: { type: 'type', allowed_values: d.types ?? ['float32'] },
      // Runs are sequential, so use_locking changes nothing; it is TF's attr all the same.
      use_locking: { type: 'bool', default: false },
      ...d.attrs,
    },
    shape: (specs: TensorSpec[], _attrs, opName) => ({ shape: updateShape(d, specs, opName) }),
    gradient: null,
  };
}

function updateShape(d: ApplyOpDescription, specs: TensorSpec[], opName: string): StaticShape {
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
  return shape;
}
