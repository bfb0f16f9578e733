import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';

/*
 * tf.data's iterator ops. TF1 passes datasets between ops as variant tensors; tensorgraph
 * keeps a dataset's pipeline on the host (lib/data) and an iterator's state in the
 * session's resources, named by the string handle these ops pass along (docs/data.md).
 * Their CPU kernels open and pull pipelines, which live in lib/data, so they are
 * registered from lib/data/iterator_kernels.ts (kernels/ may not import that layer).
 */

const ELEMENT_ATTRS = {
  output_types: { type: 'list(type)', minimum: 1 },
  output_shapes: { type: 'list(shape)', minimum: 1 },
} as const;

/** An iterator resource's handle (a string scalar naming it in the session); initialized by MakeIterator. */
export const IteratorV2: OpSpec = {
  name: 'IteratorV2',
  inputs: [],
  outputs: [{ name: 'handle', type: 'string' }],
  attrs: { shared_name: { type: 'string', default: '' }, container: { type: 'string', default: '' }, ...ELEMENT_ATTRS },
  shape: () => ({ shape: [] }),
  is_stateful: true,
  gradient: null,
};

/** An iterator that initializes itself from its dataset the first time a session runs it. */
export const OneShotIterator: OpSpec = {
  name: 'OneShotIterator',
  inputs: [],
  outputs: [{ name: 'handle', type: 'string' }],
  attrs: { shared_name: { type: 'string', default: '' }, container: { type: 'string', default: '' }, ...ELEMENT_ATTRS },
  shape: () => ({ shape: [] }),
  is_stateful: true,
  gradient: null,
};

/** (Re)starts the iterator `iterator` on a dataset; `arguments` are the graph tensors the dataset reads. */
export const MakeIterator: OpSpec = {
  name: 'MakeIterator',
  inputs: [{ name: 'iterator', type: 'string' }, { name: 'arguments', type_list_attr: 'Targuments' }],
  outputs: [],
  attrs: { Targuments: { type: 'list(type)', minimum: 0 } },
  shape: () => [],
  is_stateful: true,
  gradient: null,
};

/** The iterator's next element; OutOfRangeError at the end of the sequence. */
export const IteratorGetNext: OpSpec = {
  name: 'IteratorGetNext',
  inputs: [{ name: 'iterator', type: 'string' }],
  outputs: [{ name: 'components', type_list_attr: 'output_types' }],
  attrs: { ...ELEMENT_ATTRS },
  shape: (_inputs, attrs) => (attrs.output_shapes as StaticShape[]).map((shape) => ({ shape })),
  is_stateful: true,
  gradient: null,
};

export const DATA_OPS: OpSpec[] = [IteratorV2, OneShotIterator, MakeIterator, IteratorGetNext];
