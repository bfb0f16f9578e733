import type { DType } from '../../../framework/dtypes';

/** TF's realnumbertypes that tensorgraph has: what scalar and histogram summaries accept. */
export const REAL_NUMBER_TYPES: DType[] = ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'uint16', 'float16'];
