import { fromBinary } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { SummarySchema, Summary_Value } from '../../../lib/proto/tensorflow/core/framework/summary_pb';
import { serializedSummary } from './summary_value';

/** MergeSummary: the values of every input Summary (each element of each input), in order; a repeated tag is an error, as TF. */
export const mergeSummaryKernel: CpuKernel = (inputs, ctx) => {
  const tags = new Set<string>();
  const values: Summary_Value[] = [];
  for (const input of inputs) {
    for (const bytes of input.strings!) {
      let summary;
      try { summary = fromBinary(SummarySchema, bytes); } catch {
        throw new InvalidArgumentError('Could not parse one of the summary inputs', ctx.op.name);
      }
      for (const value of summary.value) {
        if (value.tag !== '' && tags.has(value.tag)) throw new InvalidArgumentError(`Duplicate tag ${value.tag} found in summary inputs`, ctx.op.name);
        tags.add(value.tag);
        values.push(value);
      }
    }
  }
  return serializedSummary(values);
};
