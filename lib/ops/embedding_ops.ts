import { Tensor, TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import { NameArg, nameFrom, convertToTensor, graphOf } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { makeOp1 } from './op_builder';
import { gather } from './gather_ops';
import { indexArg } from './array_ops';
import type { Variable } from './variables';

type Params = TensorLike | Variable | (TensorLike | Variable)[];

/**
 * tf.nn.embedding_lookup(params, ids, partition_strategy='mod', name=None,
 * validate_indices=True, max_norm=None): rows of params (a tensor, a Variable, or a
 * list of partitions of one table) for ids. One table is TF1's graph: GatherV2 named
 * as the 'embedding_lookup' scope, then Identity. Several partitions are concatenated
 * and gathered at each id's row of that concatenation ('mod': partition id % n, row
 * id // n; 'div': contiguous ranges), which gives TF1's values and gradients without
 * its DynamicPartition/DynamicStitch ops; their first dimensions must be known.
 * With max_norm, each looked-up embedding whose L2 norm exceeds it is scaled down to it.
 */
export const embedding_lookup = pyfunc('embedding_lookup', ['params', 'ids', 'partition_strategy', 'name', 'validate_indices', 'max_norm'], 2,
  function embedding_lookup(params: Params, ids: TensorLike, partition_strategy?: string | null, name?: NameArg,
  _validate_indices?: boolean | null, max_norm?: number | null): Tensor {
  const parts = Array.isArray(params) && !(params.length > 0 && typeof params[0] === 'number') && !Array.isArray(params[0])
    ? params as (TensorLike | Variable)[] : [params as TensorLike];
  if (parts.length === 0) throw new ValueError('Need at least one param');
  const strategy = partition_strategy ?? 'mod';
  if (strategy !== 'mod' && strategy !== 'div') throw new ValueError(`Unrecognized partition strategy: ${strategy}`);
  const g = graphOf([...parts, ids]);
  return g.name_scope(nameFrom(name) ?? 'embedding_lookup', (scope) => {
    const tables = parts.map((p) => convertToTensor(p as TensorLike, undefined, 'params', g));
    const idArg = indexArg(ids, 'tf.nn.embedding_lookup ids');
    const idT = convertToTensor(idArg.value, idArg.dtype, 'ids', g);
    if (tables.length === 1) {
      const rows = gather(tables[0], idT, { name: scope });
      return makeOp1('Identity', [clip(rows, idT, max_norm)]);
    }
    const rows = gather(makeOp1('ConcatV2', [...tables, convertToTensor(0, 'int32', undefined, g)]), partitionedRows(tables, idT, strategy));
    return makeOp1('Identity', [clip(rows, idT, max_norm)]);
  });
});

/** Each id's row in the concatenation of the partitions. */
function partitionedRows(tables: Tensor[], ids: Tensor, strategy: string): Tensor {
  const sizes = tables.map((t) => t.shape?.[0] ?? null);
  if (sizes.some((s) => s === null)) {
    throw new ValueError('embedding_lookup with several partitions needs partitions whose first dimension is known');
  }
  const n = tables.length;
  if (strategy === 'div') {
    // TF1 assigns the ids contiguously, the first total % n partitions one longer; with
    // those sizes the concatenation's rows are the ids themselves.
    const total = (sizes as number[]).reduce((a, b) => a + b, 0);
    const expected = sizes.map((_, p) => Math.floor(total / n) + (p < total % n ? 1 : 0));
    if (expected.some((e, p) => e !== sizes[p])) {
      throw new ValueError(`embedding_lookup: with partition_strategy 'div', ${total} ids over ${n} partitions make ` +
        `partitions of [${expected}] rows, got [${sizes}]`);
    }
    return ids;
  }
  const g = ids.graph;
  const c = (v: number | number[]) => convertToTensor(v, ids.dtype, undefined, g);
  const offsets = sizes.map((_, p) => sizes.slice(0, p).reduce((a, b) => a! + b!, 0) as number);
  const partition = makeOp1('FloorMod', [ids, c(n)]);
  const offset = makeOp1('GatherV2', [c(offsets), partition, convertToTensor(0, 'int32', undefined, g)]);
  return makeOp1('Add', [offset, makeOp1('FloorDiv', [ids, c(n)])]);
}

/** TF1's _clip: clip_by_norm of each looked-up embedding (the dimensions after the ids') to max_norm. */
function clip(rows: Tensor, ids: Tensor, maxNorm: number | null | undefined): Tensor {
  if (maxNorm === undefined || maxNorm === null) return rows;
  const idRank = ids.shape?.length ?? null, rank = rows.shape?.length ?? null;
  if (idRank === null || rank === null) throw new ValueError('embedding_lookup with max_norm needs ids and params of known rank');
  const g = rows.graph;
  const axes = convertToTensor(Array.from({ length: rank - idRank }, (_, i) => idRank + i), 'int32', undefined, g);
  const sumSq = makeOp1('Sum', [makeOp1('Square', [rows]), axes], { keep_dims: true });
  // The floor keeps sqrt's gradient finite for an all-zero embedding; its value is unaffected (max with max_norm).
  const norm = makeOp1('Sqrt', [makeOp1('Maximum', [sumSq, scalar(1e-30, g)])]);
  const limit = scalar(maxNorm, g);
  return makeOp1('RealDiv', [makeOp1('Mul', [rows, limit]), makeOp1('Maximum', [norm, limit])]);
}

function scalar(v: number, g: Tensor['graph']): Tensor {
  return convertToTensor(NDArray.scalar(v, 'float32'), 'float32', undefined, g);
}
