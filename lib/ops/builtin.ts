import { register_op, OpSpec } from './register_op';
import { CORE_OPS } from './defs/core_defs';
import { MatMul } from './defs/math/MatMul';
import { MATH_OPS, SHAPE_OPS } from './defs/math_defs';
import { ARRAY_OPS } from './defs/array_defs';
import { ACTIVATION_OPS, NORMALIZATION_OPS } from './defs/nn_defs';
import { CONV_OPS } from './defs/conv_defs';
import { RANDOM_OPS } from './defs/random_defs';
import { TRAINING_OPS } from './defs/training_defs';
import { GATHER_OPS } from './defs/gather_defs';
import { IO_OPS } from './defs/io_defs';
import { RESOURCE_OPS } from './defs/resource_defs';
import { LOOKUP_OPS } from './defs/lookup_defs';
import { STRING_OPS } from './defs/string_defs';
import { SUMMARY_OPS } from './defs/summary_defs';
import { CONTROL_FLOW_OPS } from './defs/control_flow_defs';
import { DATA_OPS } from './defs/data/iterator_ops';
// Every graph is built on the built-in ops, so loading them also installs Tensor's operator methods (x.add(y)).
import './math_ops';
import './slicing_ops';

/** Every built-in op, declared through the same register_op that custom ops use. */
export const BUILTIN_OPS: OpSpec[] = [
  ...CORE_OPS,
  MatMul,
  ...MATH_OPS, ...SHAPE_OPS, ...ARRAY_OPS, ...ACTIVATION_OPS, ...CONV_OPS, ...RANDOM_OPS, ...TRAINING_OPS,
  ...NORMALIZATION_OPS,
  ...GATHER_OPS,
  ...IO_OPS,
  ...RESOURCE_OPS,
  ...LOOKUP_OPS,
  ...STRING_OPS,
  ...SUMMARY_OPS,
  ...CONTROL_FLOW_OPS,
  ...DATA_OPS,
];

let registered = false;
export function registerBuiltinOps(): void {
  if (registered) return;
  registered = true;
  for (const spec of BUILTIN_OPS) register_op(spec);
}
