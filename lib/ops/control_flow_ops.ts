import { Operation } from '../framework/operation';
import { Tensor } from '../framework/tensor';
import { get_default_graph } from '../framework/graph';
import { NameArg, nameFrom, convertToTensor, graphOf } from '../framework/convert';
import type { TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
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

/**
 * tf.Assert(condition, data, summarize=None, name=None): an op that fails the run with
 * InvalidArgumentError("assertion failed: [...]") when condition is false. In a graph it
 * runs only when something depends on it (a control dependency), as in TF1.
 */
export const Assert = pyfunc('Assert', ['condition', 'data', 'summarize', 'name'], 2,
  function Assert(condition: TensorLike, data: (TensorLike | string)[], summarize?: number | null, name?: NameArg): Operation {
    if (!Array.isArray(data)) throw new TypeError('data must be a list of tensors');
    // A JS string is a message, a 0-d string tensor (Python's str in TF1's data lists).
    const inputs = [convertToTensor(condition, 'bool'),
      ...data.map((d) => convertToTensor(typeof d === 'string' ? NDArray.fromStrings([d], []) : d))];
    const g = graphOf(inputs);
    return g.create_op('Assert', inputs, { T: inputs.slice(1).map((t) => t.dtype), summarize: summarize ?? 3 }, nameFrom(name) ?? 'Assert');
  });
