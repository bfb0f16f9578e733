import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { VariableDef } from '../meta_graph';

/**
 * tensorflow.VariableDef (variable.proto) bytes, as TF1 keeps them in the `variables` and
 * `trainable_variables` collections: variable_name = 1, initializer_name = 2,
 * snapshot_name = 3, initial_value_name = 6, trainable = 7. The message is not in lib/proto's
 * subset (tf_import/meta_graph_proto.ts decodes the same fields by hand).
 */
export function encodeVariableDef(v: VariableDef & { initial_value_name?: string }): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.LengthDelimited).string(v.variable_name);
  w.tag(2, WireType.LengthDelimited).string(v.initializer_name);
  w.tag(3, WireType.LengthDelimited).string(v.snapshot_name);
  if (v.initial_value_name) w.tag(6, WireType.LengthDelimited).string(v.initial_value_name);
  if (v.trainable) w.tag(7, WireType.Varint).bool(true);
  return w.finish();
}
