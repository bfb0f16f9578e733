import { elementwise } from './elementwise';

/** TF's Minimum is ONNX's Min (numpy broadcasting in both). */
export const Minimum = elementwise('Min');
