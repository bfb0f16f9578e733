import type { OpSpec } from '../register_op';
import { AsString } from './string/AsString';
import { DecodeRaw } from './string/DecodeRaw';

/** String ops beyond the checkpoint I/O ones (io_defs.ts): tf.as_string, tf.decode_raw. */
export const STRING_OPS: OpSpec[] = [AsString, DecodeRaw];
