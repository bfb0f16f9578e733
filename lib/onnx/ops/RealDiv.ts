import { elementwise } from './elementwise';

/** TF's RealDiv is ONNX's Div (numpy broadcasting in both). */
export const RealDiv = elementwise('Div');
