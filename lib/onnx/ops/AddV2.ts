import { elementwise } from './elementwise';

/** TF's AddV2 is ONNX's Add (numpy broadcasting in both). */
export const AddV2 = elementwise('Add');
