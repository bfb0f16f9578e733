import { Tensor } from '../framework/tensor';
import { NDArray, sizeOf } from '../framework/ndarray';
import { typedArrayFor } from '../framework/dtypes';
import { Graph } from '../framework/graph';
import { Variable } from '../ops/variables';
import { fill, shape } from '../ops/shape_ops';

/** TF1's zeros/ones build a Const up to this many elements and a Fill beyond (graphs stay small). */
const MAX_CONST_ELEMENTS = 1000;

/**
 * A tensor of the primary variable's shape filled with `value`, for a slot's initial
 * value: a Const or a Fill when the shape is static, else a Fill of the shape of the
 * primary's initial value.
 */
function filledLike(g: Graph, primary: Variable, value: number, name: string): Tensor {
  const scalar = () => g.create_op('Const', [], { value: NDArray.scalar(value, primary.dtype), dtype: primary.dtype }, `${name}/Const`).outputs[0];
  const dims = primary.shape;
  if (dims !== null && dims.every((d) => d !== null)) {
    const known = dims as number[];
    if (sizeOf(known) > MAX_CONST_ELEMENTS) return fill(known, scalar(), name);
    const data = typedArrayFor(primary.dtype, sizeOf(known));
    data.fill(value);
    return g.create_op('Const', [], { value: new NDArray(data, known, primary.dtype), dtype: primary.dtype }, name).outputs[0];
  }
  return fill(shape(primary.initial_value), scalar(), name);
}

/**
 * Creates an optimizer's slot for `primary`, named as TF1 names it: the primary's op
 * name + '/' + the optimizer's name ('Variable/Adam', then 'Variable/Adam_1' for a
 * second slot). Slots live at the root name scope, outside any control dependencies
 * (TF1's init_scope), are not trainable, and are global variables so initializers
 * and savers cover them.
 */
export function createSlot(primary: Variable, fillValue: number, optimizerName: string, initName: string): Variable {
  const g = primary.graph;
  return g.control_dependencies(null, () => g.name_scope(null, () => {
    const name = g.unique_name(`${primary.op.name}/${optimizerName}`, false);
    const init = g.name_scope(`${name}/`, () => filledLike(g, primary, fillValue, `Initializer/${initName}`));
    const known = init.shape !== null && init.shape.every((d) => d !== null);
    return new Variable(init, { name, trainable: false, validate_shape: known });
  }));
}

/**
 * An optimizer's variable not tied to one primary (Adam's beta1_power): created in the
 * caller's name scope, outside control dependencies, not trainable.
 */
export function createNonSlot(g: Graph, initialValue: number | Tensor, name: string): Variable {
  return g.control_dependencies(null, () => {
    const unique = g.unique_name(name, false);
    const relative = unique.slice(unique.lastIndexOf('/') + 1);
    const init = typeof initialValue === 'number'
      ? g.name_scope(`${unique}/`, () => g.create_op('Const', [], { value: NDArray.scalar(initialValue, 'float32'), dtype: 'float32' }, 'initial_value').outputs[0])
      : initialValue;
    return new Variable(init, { name: relative, trainable: false });
  });
}
