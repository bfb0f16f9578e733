import { elementwise } from './elementwise';

/** TF's Sub is ONNX's Sub (numpy broadcasting in both). */
export const Sub = elementwise('Sub');
