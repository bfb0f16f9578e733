import { elementwise } from './elementwise';

/** TF's Log is ONNX's Log (numpy broadcasting in both). */
export const Log = elementwise('Log');
