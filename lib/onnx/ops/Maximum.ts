import { elementwise } from './elementwise';

/** TF's Maximum is ONNX's Max (numpy broadcasting in both). */
export const Maximum = elementwise('Max');
