import { InvalidArgumentError } from '../../../lib/framework/errors';
import { NDArray } from '../../../lib/framework/ndarray';
import { isFloating } from '../../../lib/framework/dtypes';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { printfFormat, PrintfSpec } from './printf_format';

const PRINTF_FLAGS = ['', '0', '-', ' ', '+'];

/**
 * AsString: TF builds a printf format `%<fill><width>.<precision><conversion>` from the attrs, so
 * `fill` is a printf flag ('0' pads with zeros, '' or ' ' with spaces); the attr checks are TF's.
 */
export const asStringKernel: CpuKernel = ([input], ctx) => {
  const { precision, scientific, shortest, width, fill } = ctx.attrs as
    { precision: number; scientific: boolean; shortest: boolean; width: number; fill: string };
  const dtype = input.dtype;
  if (scientific && shortest) throw new InvalidArgumentError('Cannot select both scientific and shortest notation', ctx.op.name);
  if (fill.length > 1) throw new InvalidArgumentError('Fill string must be one or fewer characters', ctx.op.name);
  if (!PRINTF_FLAGS.includes(fill)) throw new InvalidArgumentError(`Fill argument not supported: "${fill}"`, ctx.op.name);
  if (!isFloating(dtype)) {
    if (scientific || shortest) throw new InvalidArgumentError(`scientific and shortest format not supported for datatype ${dtype}`, ctx.op.name);
    if (precision > -1) throw new InvalidArgumentError(`precision not supported for datatype ${dtype}`, ctx.op.name);
  }
  const spec: PrintfSpec = {
    flag: fill, width, precision,
    conversion: dtype === 'bool' ? 's' : !isFloating(dtype) ? 'd' : shortest ? 'g' : scientific ? 'e' : 'f',
  };
  const out: string[] = new Array(input.size);
  for (let i = 0; i < input.size; i++) {
    const v = input.data[i];
    out[i] = printfFormat(dtype === 'bool' ? (v ? 'true' : 'false') : v, spec);
  }
  return NDArray.fromStrings(out, input.shape);
};
