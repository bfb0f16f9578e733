import type { OpSpec } from '../../register_op';

/** Formats numbers and bools as strings, element-wise, as C's printf (kernel: kernels/cpu/string/AsString.ts). */
export const AsString: OpSpec = {
  name: 'AsString',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type: 'string' }],
  attrs: {
    T: { type: 'type', allowed_values: ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'float16', 'float32', 'float64', 'bool'] },
    precision: { type: 'int', default: -1 },
    scientific: { type: 'bool', default: false },
    shortest: { type: 'bool', default: false },
    width: { type: 'int', default: -1 },
    fill: { type: 'string', default: '' },
  },
  shape: ([input]) => ({ shape: input.shape }),
  gradient: null,
};
