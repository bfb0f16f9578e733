import { create, toBinary, MessageInitShape } from '@bufbuild/protobuf';
import { NDArray } from '../../../lib/framework/ndarray';
import { SummarySchema, Summary_ValueSchema } from '../../../lib/proto/tensorflow/core/framework/summary_pb';

export type SummaryValueInit = MessageInitShape<typeof Summary_ValueSchema>;

/** A summary op's output: one serialized tensorflow.Summary, as a 0-d string. */
export function serializedSummary(values: SummaryValueInit[]): NDArray {
  const summary = create(SummarySchema, { value: values.map((v) => create(Summary_ValueSchema, v)) });
  return NDArray.fromStrings([toBinary(SummarySchema, summary)], []);
}

/** TF's TensorShape::DebugString, which its summary kernels' messages use: `[2,3]`. */
export function debugShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
