import { Operation } from '../framework/operation';
import { Tensor } from '../framework/tensor';
import { get_default_graph } from '../framework/graph';
import { NameArg, nameFrom } from '../framework/convert';
import { checkKeywords, isOptionsObject, pyfunc } from '../framework/python_args';

/** tf.no_op: an op that does nothing (a target for control dependencies). */
export const no_op = pyfunc('no_op', ['name'], 0, function no_op(name?: NameArg): Operation {
  return get_default_graph().create_op('NoOp', [], {}, nameFrom(name));
});

/** tf.group(...inputs, {name}): an op that runs all inputs. */
export function group(...args: (Operation | Tensor | { name?: string } | (Operation | Tensor)[])[]): Operation {
  let name: string | undefined;
  const last = args[args.length - 1];
  if (isOptionsObject(last)) {
    // TF1's group(*inputs, **kwargs) takes name only.
    checkKeywords('group', last, ['name']);
    name = (args.pop() as { name?: string }).name;
  }
  const deps = (args as (Operation | Tensor | (Operation | Tensor)[])[]).flat()
    .map((d) => (d instanceof Tensor ? d.op : typeof (d as any)?._asTensor === 'function' ? (d as any)._asTensor().op : d)) as Operation[];
  const g = deps.length ? deps[0].graph : get_default_graph();
  return g.control_dependencies(deps, () => g.create_op('NoOp', [], {}, name ?? 'group_deps'));
}
