/** tf.onnx: exporting a graph's inference part as an ONNX model (docs/api.md). */
export { exportOnnx as export, DEFAULT_OPSET } from './export_model';
export type { OnnxExportOptions, OnnxExportKeywords, OnnxExportFunction, TensorRef } from './export_model';
export type { OnnxNodeContext, OnnxOpMapping, OnnxOutput, OnnxAttr } from './mapping_types';
export { builtinMappedTypes as mapped_op_types } from './ops/index';
