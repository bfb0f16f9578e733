/** tf.data.Iterator: graph ops reading a dataset's pipeline, their state in the session (docs/data.md). */
import { get_default_graph } from '../framework/graph';
import type { Tensor } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import { ValueError } from '../framework/errors';
import { as_dtype, DType } from '../framework/dtypes';
import { bindArgs, bindArgsBesideDict } from '../framework/python_args';
import type { StaticShape } from '../registry/op_def';
import { flattenValue, flattenAs, pack, sameStructure, Structure, countLeaves } from './structure';
import type { Pipeline } from './pipeline';
import { attachPipeline } from './iterator_kernels';

function shapeOf(x: unknown): StaticShape {
  if (x === null || x === undefined) return null;
  if (typeof (x as { as_list?: unknown }).as_list === 'function') {
    try { return (x as { as_list(): StaticShape }).as_list(); } catch { return null; }
  }
  return (x as (number | null)[]).map((d) => (d === -1 ? null : d));
}

export class Iterator {
  private nextCount = 0;

  constructor(readonly handle: Tensor, private readonly structure: Structure, private readonly types: readonly DType[],
    private readonly shapes: readonly StaticShape[], private readonly initializerOp: Operation | null) {}

  /**
   * tf.data.Iterator.from_structure(output_types, output_shapes=None, shared_name=None): an
   * iterator not bound to a dataset; make_initializer(dataset) points it at one (the
   * train/validation switch).
   */
  static from_structure(...args: unknown[]): Iterator {
    // Types and shapes may be dicts: a trailing object is keywords only when all its keys are parameter names.
    const a = bindArgsBesideDict<{ output_types: unknown; output_shapes?: unknown; shared_name?: string | null; output_classes?: unknown }>(
      'from_structure', args, ['output_types', 'output_shapes', 'shared_name', 'output_classes'], 'shared_name', 1);
    const { structure, leaves } = flattenValue(a.output_types, true);
    const types = leaves.map((t) => as_dtype(t as DType));
    const shapes = a.output_shapes === undefined || a.output_shapes === null
      ? types.map(() => null)
      : (structure.kind === 'leaf' ? [a.output_shapes] : flattenAs(structure, a.output_shapes, 'output_shapes')).map(shapeOf);
    return Iterator.create(structure, types, shapes, 'IteratorV2', a.shared_name ?? '', 'Iterator');
  }

  /** @internal Builds the handle op; dataset methods call it. */
  static create(structure: Structure, types: readonly DType[], shapes: readonly StaticShape[], opType: string,
    sharedName: string, name: string): Iterator {
    const op = get_default_graph().create_op(opType, [], { shared_name: sharedName, output_types: [...types], output_shapes: [...shapes] }, name);
    return new Iterator(op.outputs[0]!, structure, types, shapes, null);
  }

  /** @internal An iterator with an initializer already made (make_initializable_iterator). */
  withInitializer(op: Operation): Iterator { return new Iterator(this.handle, this.structure, this.types, this.shapes, op); }

  get initializer(): Operation {
    if (!this.initializerOp) throw new ValueError('Iterator does not have an initializer.');
    return this.initializerOp;
  }

  get output_types(): unknown { return pack(this.structure, [...this.types]); }
  get output_shapes(): unknown { return pack(this.structure, [...this.shapes]); }

  /** make_initializer(dataset, name=None): the op that (re)starts this iterator on `dataset`. */
  make_initializer(...args: unknown[]): Operation {
    const a = bindArgs<{ dataset: { pipeline: Pipeline }; name?: string }>('make_initializer', args, ['dataset', 'name'], {}, 1);
    const p = a.dataset.pipeline;
    if (!sameStructure(p.structure, this.structure) || countLeaves(p.structure) !== this.types.length ||
      p.types.some((t, i) => t !== this.types[i])) {
      throw new TypeError(`Expected output types ${this.types.join(', ')} but got dataset with output types ${p.types.join(', ')}.`);
    }
    p.shapes.forEach((s, i) => {
      const want = this.shapes[i]!;
      if (want !== null && s !== null && (s.length !== want.length || s.some((d, j) => d !== null && want[j] !== null && d !== want[j]))) {
        throw new TypeError(`Expected output shapes compatible with [${want.join(', ')}] but got dataset with output shapes [${s.join(', ')}].`);
      }
    });
    const op = this.handle.graph.create_op('MakeIterator', [this.handle, ...p.captures], {}, a.name ?? 'MakeIterator');
    attachPipeline(op, p);
    return op;
  }

  /** get_next(name=None): tensors of the next element, nested as the dataset's; one element per run of the op. */
  get_next(...args: unknown[]): any {
    const a = bindArgs<{ name?: string }>('get_next', args, ['name']);
    this.nextCount++;
    const op = this.handle.graph.create_op('IteratorGetNext', [this.handle],
      { output_types: [...this.types], output_shapes: [...this.shapes] }, a.name ?? 'IteratorGetNext');
    return pack(this.structure, op.outputs);
  }
}
