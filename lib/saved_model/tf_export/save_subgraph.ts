import { create } from '@bufbuild/protobuf';
import { Graph } from '../../framework/graph';
import { NDArray } from '../../framework/ndarray';
import type { Operation } from '../../framework/operation';
import type { Variable } from '../../ops/variables';
import { SaverDef, SaverDefSchema, SaverDef_CheckpointFormatVersion } from '../../proto/tensorflow/core/protobuf/saver_pb';

/**
 * 'save', or 'save_1', ...: the first name in the current scope that no op uses, neither as its
 * name nor as a scope (an imported graph's ops, TF's save/..., claim their names but not their
 * scopes); claimed as TF's unique_name would.
 */
function freeScope(graph: Graph, base: string): string {
  const prefix = graph.get_name_scope() ? `${graph.get_name_scope()}/${base}` : base;
  const names = graph.get_operations().map((op) => op.name);
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? prefix : `${prefix}_${i}`;
    const used = names.some((n) => n === candidate || n.startsWith(`${candidate}/`));
    if (!used && graph.name_scope(null, () => graph.unique_name(candidate, false)) === candidate) {
      graph.name_scope(null, () => graph.unique_name(candidate));
      return candidate;
    }
  }
}

const builtForGraph = new WeakMap<Graph, Map<string, SaverDef>>();

/**
 * The save/restore ops for exactly `vars` in `graph`: the ones an earlier call built, else new
 * ones, so exporting one graph twice (or adding several meta graphs) adds one `save/` subgraph.
 */
export function saveSubgraphFor(graph: Graph, vars: ReadonlyMap<string, Variable>): SaverDef {
  const signature = [...vars].map(([key, v]) => `${key}\0${v.op.name}`).sort().join('\n');
  let built = builtForGraph.get(graph);
  if (!built) builtForGraph.set(graph, (built = new Map()));
  let def = built.get(signature);
  if (!def) built.set(signature, (def = buildSaveSubgraph(graph, vars, { max_to_keep: 5, keep_checkpoint_every_n_hours: 10000 })));
  return def;
}

/**
 * The `save/` subgraph TF1's Saver adds to the graph it saves (as TF 1.14 lays it out,
 * unsharded), so that TensorFlow's Saver.restore and SavedModel loader, which only run the
 * ops a SaverDef names, work on the graphs tensorgraph writes:
 *
 *   save/filename/input (Const "model") -> save/filename -> save/Const (PlaceholderWithDefault: the prefix, fed)
 *   save/SaveV2 (prefix, tensor_names, shape_and_slices, variables...) -> save/control_dependency (Identity of the prefix)
 *   save/RestoreV2 (prefix, tensor_names, shape_and_slices) -> save/Assign, save/Assign_1, ... -> save/restore_all (NoOp)
 *
 * Keys are the checkpoint names (`vars`' keys), in sorted order as TF's saver sorts them.
 */
export function buildSaveSubgraph(graph: Graph, vars: ReadonlyMap<string, Variable>, options: { max_to_keep: number; keep_checkpoint_every_n_hours: number }): SaverDef {
  const keys = [...vars.keys()].sort();
  // The subgraph is the Saver's own: the caller's control-dependency scope must not reach into it.
  return graph.control_dependencies(null, () => graph.name_scope(`${freeScope(graph, 'save')}/`, (scope) => {
    // A scope's own op takes the scope's name (TF's `with name_scope('filename') as name:`), given exactly.
    const exact = (name: string) => `${scope}${name}/`;
    const constant = (value: NDArray, name: string) => graph.create_op('Const', [], { value, dtype: value.dtype }, name).outputs[0];
    const strings = (values: string[], name: string) => constant(NDArray.fromStrings(values, [values.length]), name);
    const input = graph.name_scope('filename', () => constant(NDArray.fromStrings(['model'], []), 'input'));
    const filename = graph.create_op('PlaceholderWithDefault', [input], { dtype: 'string', shape: [] }, exact('filename')).outputs[0];
    const prefix = graph.create_op('PlaceholderWithDefault', [filename], { dtype: 'string', shape: [] }, 'Const').outputs[0];
    let saveTensor = prefix, restoreAll: Operation;
    if (keys.length > 0) {
      const save = graph.name_scope('SaveV2', () => ({ names: strings(keys, 'tensor_names'), slices: strings(keys.map(() => ''), 'shape_and_slices') }));
      const variables = keys.map((k) => vars.get(k)!.op.outputs[0]);
      const saveOp = graph.create_op('SaveV2', [prefix, save.names, save.slices, ...variables], {}, exact('SaveV2'));
      saveTensor = graph.control_dependencies([saveOp], () => graph.create_op('Identity', [prefix], {}, 'control_dependency').outputs[0]);
      const restore = graph.name_scope('RestoreV2', () => ({ names: strings(keys, 'tensor_names'), slices: strings(keys.map(() => ''), 'shape_and_slices') }));
      const restoreOp = graph.create_op('RestoreV2', [prefix, restore.names, restore.slices], { dtypes: variables.map((v) => v.dtype) }, exact('RestoreV2'));
      const assigns = variables.map((v, i) => graph.create_op('Assign', [v, restoreOp.outputs[i]],
        { validate_shape: v.get_shape().is_fully_defined(), use_locking: true }, 'Assign'));
      restoreAll = graph.control_dependencies(assigns, () => graph.create_op('NoOp', [], {}, 'restore_all'));
    } else {
      // TF's Saver with no variables (allow_empty) builds no save ops; the loader then restores nothing.
      restoreAll = graph.create_op('NoOp', [], {}, 'restore_all');
    }
    return create(SaverDefSchema, {
      filenameTensorName: prefix.name,
      saveTensorName: saveTensor.name,
      restoreOpName: restoreAll.name,
      maxToKeep: options.max_to_keep,
      keepCheckpointEveryNHours: options.keep_checkpoint_every_n_hours,
      version: SaverDef_CheckpointFormatVersion.V2,
    });
  }));
}
