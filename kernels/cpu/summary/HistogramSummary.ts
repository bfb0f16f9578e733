import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { serializedSummary } from './summary_value';
import { histogramProto } from './histogram';

/** HistogramSummary: every value of `values` in one histogram; a NaN or infinity is an error, as TF. */
export const histogramSummaryKernel: CpuKernel = ([tag, values], ctx) => {
  for (let i = 0; i < values.size; i++) {
    if (!Number.isFinite(values.data[i])) throw new InvalidArgumentError(`Nan in summary histogram for: ${ctx.op.name}`, ctx.op.name);
  }
  return serializedSummary([{ tag: tag.stringAt(0), value: { case: 'histo', value: histogramProto(values.data) } }]);
};
