import type { DType } from '../../../framework/dtypes';
import type { TensorSpec } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';

export const NUMERIC: readonly DType[] = ['float32', 'int32', 'int64', 'uint8'];
export const FLOATS: readonly DType[] = ['float32'];
export const INTEGERS: readonly DType[] = ['int32', 'int64'];

/** ValueError unless both operands have the same dtype (TF1 never converts implicitly). */
export function requireSameDType(opType: string, opName: string, x: TensorSpec, y: TensorSpec): void {
  if (x.dtype !== y.dtype) {
    throw new ValueError(`Input 'y' of '${opType}' Op '${opName}' has type ${y.dtype} that does not match ` +
      `type ${x.dtype} of argument 'x'.`);
  }
}

/** ValueError unless the input's dtype is one the op accepts. */
export function requireDType(opType: string, opName: string, spec: TensorSpec, allowed: readonly DType[], arg = 'x'): void {
  if (!allowed.includes(spec.dtype)) {
    throw new ValueError(`Value passed to parameter '${arg}' of '${opType}' Op '${opName}' has DataType ${spec.dtype} ` +
      `not in list of allowed values: ${allowed.join(', ')}`);
  }
}
