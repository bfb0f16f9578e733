import { LegacyOpSpec } from '../register_op';
import { InvalidArgumentError } from '../../framework/errors';
import { shapeToString } from '../../framework/shape_utils';

/** A value the caller must feed; running it unfed is an error naming it. */
export const Placeholder: LegacyOpSpec = {
  name: 'Placeholder',
  inputs: 0,
  outputs: (_inputs, attrs) => ({ dtype: attrs.dtype, shape: attrs.shape ?? null }),
  cpu: (_inputs, ctx) => {
    const dtype = ctx.attrs.dtype === 'float32' ? 'float' : ctx.attrs.dtype;
    throw new InvalidArgumentError(`You must feed a value for placeholder tensor '${ctx.op.name}' with dtype ${dtype}` +
      (ctx.attrs.shape ? ` and shape ${shapeToString(ctx.attrs.shape)}` : ''), ctx.op.name);
  },
  gradient: null,
};

/** Identity unless fed (tf.placeholder_with_default). */
export const PlaceholderWithDefault: LegacyOpSpec = {
  name: 'PlaceholderWithDefault',
  inputs: 1,
  outputs: ([input], attrs) => ({ dtype: input.dtype, shape: attrs.shape ?? input.shape }),
  cpu: ([x]) => x,
  gradient: null,
};
