/**
 * tf.summary's graph ops (TF1): each returns a 0-d string tensor holding a serialized
 * tensorflow.Summary, added to GraphKeys.SUMMARIES unless `collections` says otherwise.
 * FileWriter.add_summary writes what sess.run returns for them.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { GraphKeys, get_default_graph, Graph } from '../framework/graph';
import { pyfunc } from '../framework/python_args';
import { ValueError } from '../framework/errors';
import { NDArray } from '../framework/ndarray';
import { SummaryMetadataSchema } from '../proto/tensorflow/core/framework/summary_pb';
import { summary_scope, collect } from './summary_scope';

const SUMMARIES = [GraphKeys.SUMMARIES];

/** A string Const in `graph` (the tags TF1 passes to its summary ops as Python strings). */
function stringConst(graph: Graph, value: string | Uint8Array, name: string): Tensor {
  return graph.create_op('Const', [], { value: NDArray.fromStrings([value], []), dtype: 'string' }, name).outputs[0];
}

/** tf.summary.scalar(name, tensor, collections=None, family=None) */
export const scalar = pyfunc('scalar', ['name', 'tensor', 'collections', 'family'], 2,
  function scalar(name: string, tensor: TensorLike, collections?: string[] | null, family?: string | null): Tensor {
    const g = graphOf([tensor]);
    const value = convertToTensor(tensor, undefined, undefined, g);
    return summary_scope(g, name, family, (tag, scope) => {
      const op = g.create_op('ScalarSummary', [stringConst(g, tag, 'tags'), value], {}, scope).outputs[0];
      collect(g, op, collections, SUMMARIES);
      return op;
    });
  });

/** tf.summary.histogram(name, values, collections=None, family=None) */
export const histogram = pyfunc('histogram', ['name', 'values', 'collections', 'family'], 2,
  function histogram(name: string, values: TensorLike, collections?: string[] | null, family?: string | null): Tensor {
    const g = graphOf([values]);
    const v = convertToTensor(values, undefined, undefined, g);
    return summary_scope(g, name, family, (tag, scope) => {
      const op = g.create_op('HistogramSummary', [stringConst(g, tag, 'tag'), v], {}, scope).outputs[0];
      collect(g, op, collections, SUMMARIES);
      return op;
    });
  });

/** tf.summary.image(name, tensor, max_outputs=3, collections=None, family=None): tensor is [batch, height, width, 1|3|4]. */
export const image = pyfunc('image', ['name', 'tensor', 'max_outputs', 'collections', 'family'], 2,
  function image(name: string, tensor: TensorLike, max_outputs?: number, collections?: string[] | null, family?: string | null): Tensor {
    const g = graphOf([tensor]);
    const t = convertToTensor(tensor, undefined, undefined, g);
    return summary_scope(g, name, family, (tag, scope) => {
      const op = g.create_op('ImageSummary', [stringConst(g, tag, 'tag'), t], { max_images: max_outputs ?? 3 }, scope).outputs[0];
      collect(g, op, collections, SUMMARIES);
      return op;
    });
  });

/** tf.summary.audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None): float32 [batch, frames(, channels)] in [-1, 1]. */
export const audio = pyfunc('audio', ['name', 'tensor', 'sample_rate', 'max_outputs', 'collections', 'family'], 3,
  function audio(name: string, tensor: TensorLike, sample_rate: TensorLike, max_outputs?: number, collections?: string[] | null,
    family?: string | null): Tensor {
    const g = graphOf([tensor, sample_rate]);
    const t = convertToTensor(tensor, 'float32', undefined, g);
    return summary_scope(g, name, family, (tag, scope) => {
      const rate = convertToTensor(sample_rate, 'float32', 'sample_rate', g);
      const op = g.create_op('AudioSummaryV2', [stringConst(g, tag, 'tag'), t, rate], { max_outputs: max_outputs ?? 3 }, scope).outputs[0];
      collect(g, op, collections, SUMMARIES);
      return op;
    });
  });

/**
 * tf.summary.tensor_summary(name, tensor, summary_description=None, collections=None, summary_metadata=None, family=None, display_name=None).
 * `summary_metadata` is a tensorflow.SummaryMetadata init object or message.
 */
export const tensor_summary = pyfunc('tensor_summary',
  ['name', 'tensor', 'summary_description', 'collections', 'summary_metadata', 'family', 'display_name'], 2,
  function tensor_summary(name: string, tensor: TensorLike, summary_description?: string | null, collections?: string[] | null,
    summary_metadata?: Parameters<typeof create<typeof SummaryMetadataSchema>>[1] | null, family?: string | null,
    display_name?: string | null): Tensor {
    const g = graphOf([tensor]);
    const t = convertToTensor(tensor, undefined, undefined, g);
    const metadata = create(SummaryMetadataSchema, summary_metadata ?? {});
    if (display_name) metadata.displayName = display_name;
    if (summary_description) metadata.summaryDescription = summary_description;
    return summary_scope(g, name, family, (tag, scope) => {
      const op = g.create_op('TensorSummaryV2', [stringConst(g, tag, 'tag'), t,
        stringConst(g, toBinary(SummaryMetadataSchema, metadata), 'serialized_summary_metadata')], {}, scope).outputs[0];
      collect(g, op, collections, SUMMARIES);
      return op;
    });
  });

/** tf.summary.text(name, tensor, collections=None): a string tensor for TensorBoard's text plugin. */
export const text = pyfunc('text', ['name', 'tensor', 'collections'], 2,
  function text(name: string, tensor: TensorLike, collections?: string[] | null): Tensor {
    const t = convertToTensor(tensor, 'string');
    if (t.dtype !== 'string') throw new ValueError(`Expected tensor ${t.name} to have dtype string, got ${t.dtype}`);
    return tensor_summary(name, t, { collections: collections ?? null, summary_metadata: { pluginData: { pluginName: 'text' } } });
  });

/** tf.summary.merge(inputs, collections=None, name=None): one Summary with every input's values. */
export const merge = pyfunc('merge', ['inputs', 'collections', 'name'], 1,
  function merge(inputs: TensorLike[], collections?: string[] | null, name?: string | null): Tensor {
    const g = graphOf(inputs);
    const tensors = inputs.map((x) => convertToTensor(x, 'string', undefined, g));
    return g.name_scope(name ?? 'Merge', () => {
      const op = g.create_op('MergeSummary', tensors, {}, name ?? 'MergeSummary').outputs[0];
      collect(g, op, collections, []);
      return op;
    });
  });

/** tf.summary.merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None): null when the collection is empty, as TF1's None. */
export const merge_all = pyfunc('merge_all', ['key', 'scope', 'name'], 0,
  function merge_all(key?: string, scope?: string | null, name?: string | null): Tensor | null {
    const summaries = get_default_graph().get_collection<Tensor>(key ?? GraphKeys.SUMMARIES, scope ?? null);
    if (summaries.length === 0) return null;
    return merge(summaries, { name: name ?? null });
  });
