import type { OpSpec } from '../../register_op';

/** Reinterprets each string's bytes as a vector of `out_type` (kernel: kernels/cpu/string/DecodeRaw.ts). */
export const DecodeRaw: OpSpec = {
  name: 'DecodeRaw',
  inputs: [{ name: 'bytes', type: 'string' }],
  outputs: [{ name: 'output', type_attr: 'out_type' }],
  attrs: {
    out_type: { type: 'type', allowed_values: ['float16', 'float32', 'float64', 'int32', 'uint16', 'uint8', 'int16', 'int8', 'int64'] },
    little_endian: { type: 'bool', default: true },
  },
  // The vector length is the strings' byte length over the element size, known only at run time.
  shape: ([bytes]) => ({ shape: bytes.shape === null ? null : [...bytes.shape, null] }),
  gradient: null,
};
