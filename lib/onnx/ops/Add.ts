import { elementwise } from './elementwise';

/** TF's Add is ONNX's Add (numpy broadcasting in both). */
export const Add = elementwise('Add');
