import { fromBinary } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../../../lib/framework/errors';
import { tensorToProto } from '../../../lib/framework/graph_def_proto';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { SummaryMetadataSchema } from '../../../lib/proto/tensorflow/core/framework/summary_pb';
import { serializedSummary } from './summary_value';

/** TensorSummaryV2: the tensor as a TensorProto with its plugin's metadata (tf.summary.text: plugin 'text'). */
export const tensorSummaryKernel: CpuKernel = ([tag, tensor, serializedMetadata], ctx) => {
  let metadata;
  try { metadata = fromBinary(SummaryMetadataSchema, serializedMetadata.strings![0]); } catch {
    throw new InvalidArgumentError('Could not parse serialized_summary_metadata as a SummaryMetadata', ctx.op.name);
  }
  return serializedSummary([{ tag: tag.stringAt(0), metadata, value: { case: 'tensor', value: tensorToProto(tensor) } }]);
};
