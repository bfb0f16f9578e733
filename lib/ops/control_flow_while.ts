import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { TensorShape, TensorShapeLike } from '../framework/tensor_shape';
import type { StaticShape } from '../registry/op_registry';
import { pyfunc } from '../framework/python_args';
import { flatten, packSequenceAs, Nested } from './rnn_cell/nest';
import { buildFuncGraph } from './control_flow_subgraph';
import { placeholder } from './array_ops';
import { add, less, logical_and } from './math_ops';
import { stop_gradient } from './gradients';

type LoopFn = (...vars: any[]) => any;

function shapeText(s: StaticShape): string { return new TensorShape(s).toString(); }

function compatible(invariant: StaticShape, shape: StaticShape): boolean {
  if (invariant === null || shape === null) return true;
  return invariant.length === shape.length && invariant.every((d, i) => d === null || shape[i] === null || d === shape[i]);
}

/** A body's outputs that fit no invariant are TF1's ValueError at graph time. */
function checkBodyShapes(inputs: Tensor[], outputs: Tensor[], invariants: StaticShape[]): void {
  outputs.forEach((o, i) => {
    if (o.dtype !== inputs[i].dtype) {
      throw new ValueError(`Loop var ${inputs[i].name} enters the loop with type ${inputs[i].dtype}, but has type ${o.dtype} after one iteration.`);
    }
    if (!compatible(invariants[i], o.shape)) {
      throw new ValueError(`Input tensor '${inputs[i].name}' enters the loop with shape ${shapeText(invariants[i])}, but has shape ` +
        `${shapeText(o.shape)} after one iteration. To allow the shape to vary across iterations, use the ` +
        '`shape_invariants` argument of tf.while_loop to specify a less-specific shape.');
    }
  });
}

/** The invariants' leaves where loop_vars has leaves (a shape is itself an array, so flatten cannot tell). */
function flattenUpTo(structure: Nested<unknown>, invariants: unknown): TensorShapeLike[] {
  if (!Array.isArray(structure)) return [invariants as TensorShapeLike];
  if (!Array.isArray(invariants) || invariants.length !== structure.length) {
    throw new ValueError("The two structures don't have the same nested structure: loop_vars and shape_invariants");
  }
  return structure.flatMap((s, i) => flattenUpTo(s as Nested<unknown>, invariants[i]));
}

/**
 * tf.while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
 * back_prop=True, swap_memory=False, name=None, maximum_iterations=None,
 * return_same_structure=False): one While op whose cond and body are sub-graphs fed the
 * loop vars (TF1 calls cond(*loop_vars) and body(*loop_vars)). maximum_iterations adds
 * a counter var, as TF1 does. swap_memory changes nothing here (no device memory to swap).
 */
export const while_loop = pyfunc('while_loop',
  ['cond', 'body', 'loop_vars', 'shape_invariants', 'parallel_iterations', 'back_prop', 'swap_memory', 'name',
    'maximum_iterations', 'return_same_structure'], 3,
  function while_loop(cond: LoopFn, body: LoopFn, loop_vars: Nested<TensorLike>, shape_invariants?: Nested<TensorShapeLike> | null,
    parallel_iterations?: number, back_prop?: boolean, _swap_memory?: boolean, name?: string | null,
    maximum_iterations?: TensorLike | null, return_same_structure?: boolean): any {
    if (typeof cond !== 'function') throw new TypeError('cond must be callable.');
    if (typeof body !== 'function') throw new TypeError('body must be callable.');
    if (parallel_iterations !== undefined && parallel_iterations !== null && !(parallel_iterations > 0)) {
      throw new ValueError('parallel_iterations must be a positive integer.');
    }
    const structure = loop_vars as Nested<unknown>;
    const leaves = flatten(structure) as TensorLike[];
    if (leaves.length === 0) throw new ValueError('No loop variables provided');
    const g = graphOf(leaves);
    return g.name_scope(name ?? 'while', () => {
      const initial = leaves.map((v) => convertToTensor(v));
      const invariants: StaticShape[] = shape_invariants == null ? initial.map((t) => t.shape)
        : flattenUpTo(structure, shape_invariants).map((s) => new TensorShape(s).toStatic());
      if (invariants.length !== initial.length) {
        throw new ValueError(`The two structures don't have the same number of elements: ${initial.length} loop vars and ${invariants.length} shape invariants`);
      }
      initial.forEach((t, i) => {
        if (!compatible(invariants[i], t.shape)) {
          throw new ValueError(`The shape invariant specified for ${t.name} is not compatible with the initial shape of the loop variable. ` +
            `It enters the loop with shape ${shapeText(t.shape)}, but the specified shape invariant is ${shapeText(invariants[i])}.`);
        }
      });
      const counted = maximum_iterations !== undefined && maximum_iterations !== null;
      const maxIters = counted ? convertToTensor(maximum_iterations!, 'int32') : null;
      const vars = counted ? [convertToTensor(0, 'int32'), ...initial] : initial;
      const shapes = counted ? [[] as StaticShape, ...invariants] : invariants;
      const userArgs = (phs: Tensor[]) => {
        const user = counted ? phs.slice(1) : phs;
        const packed = packSequenceAs(structure, user);
        return Array.isArray(structure) ? packed as unknown[] : [packed];
      };
      const makePhs = () => vars.map((v, i) => placeholder(v.dtype, shapes[i], 'loop_var'));
      const condPhs = makePhs();
      const condGraph = buildFuncGraph(g, `${g.get_name_scope()}/cond`, condPhs, () => {
        let c = convertToTensor(cond(...userArgs(condPhs)));
        if (c.dtype !== 'bool') throw new TypeError(`The loop condition must return a bool tensor, got ${c.dtype}`);
        if (counted) c = logical_and(less(condPhs[0], maxIters!), c);
        return [c];
      });
      const bodyPhs = makePhs();
      const bodyGraph = buildFuncGraph(g, `${g.get_name_scope()}/body`, bodyPhs, () => {
        const result = body(...userArgs(bodyPhs));
        const got = (Array.isArray(structure) ? flatten(result as Nested<unknown>) : flatten(result as Nested<unknown>)) as TensorLike[];
        if (got.length !== initial.length) {
          throw new ValueError(`The two structures don't have the same number of elements. First structure has ${initial.length} elements, second has ${got.length}`);
        }
        const outs = got.map((x, i) => convertToTensor(x, initial[i].dtype));
        return counted ? [add(bodyPhs[0], 1), ...outs] : outs;
      });
      checkBodyShapes(vars, bodyGraph.outputs, shapes);
      const captures = [...new Set([...condGraph.captures, ...bodyGraph.captures])];
      const op = g.create_op('While', [...vars, ...captures], {
        T: vars.map((v) => v.dtype),
        Tcaptures: captures.map((c) => c.dtype),
        cond: { name: condGraph.name, graph: condGraph },
        body: { name: bodyGraph.name, graph: bodyGraph },
        output_shapes: shapes,
        parallel_iterations: parallel_iterations ?? 10,
      }, 'While');
      let outs = counted ? op.outputs.slice(1) : op.outputs;
      if (back_prop === false) outs = outs.map((o) => stop_gradient(o));
      const packed = packSequenceAs(structure, outs);
      if (!return_same_structure && Array.isArray(packed) && packed.length === 1) return packed[0];
      return packed;
    });
  });
