import { Tensor } from '../framework/tensor';
import { Graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { DType } from '../framework/dtypes';
import { SignatureDef, TensorInfo } from './meta_graph';
import { build_tensor_info } from './utils';
import { signature_constants as K } from './constants';

type TensorMap = Record<string, Tensor | { _asTensor(): Tensor }>;

/** tf.saved_model.signature_def_utils.build_signature_def(inputs, outputs, method_name). */
export function build_signature_def(inputs: Record<string, TensorInfo> = {}, outputs: Record<string, TensorInfo> = {},
  method_name = ''): SignatureDef {
  return { inputs: { ...inputs }, outputs: { ...outputs }, method_name };
}

function infos(map: TensorMap, what: string): Record<string, TensorInfo> {
  const out: Record<string, TensorInfo> = {};
  for (const [k, t] of Object.entries(map)) {
    if (t === null || t === undefined) throw new ValueError(`${what} '${k}' is ${t}`);
    out[k] = build_tensor_info(t);
  }
  return out;
}

/** tf.saved_model.signature_def_utils.predict_signature_def({x}, {y}): a 'tensorflow/serving/predict' signature. */
export function predict_signature_def(inputs: TensorMap, outputs: TensorMap): SignatureDef {
  if (!inputs || Object.keys(inputs).length === 0) throw new ValueError('Prediction inputs cannot be None or empty.');
  if (!outputs || Object.keys(outputs).length === 0) throw new ValueError('Prediction outputs cannot be None or empty.');
  return build_signature_def(infos(inputs, 'Prediction input'), infos(outputs, 'Prediction output'), K.PREDICT_METHOD_NAME);
}

/**
 * tf.saved_model.signature_def_utils.classification_signature_def(examples, classes, scores).
 * TF wants serialized tf.Example strings and string classes; tensorgraph has no string
 * dtype, so examples may be any tensor and classes an integer tensor.
 */
export function classification_signature_def(examples: Tensor, classes: Tensor | null, scores: Tensor | null): SignatureDef {
  if (!examples) throw new ValueError('Classification examples cannot be None.');
  if (!classes && !scores) throw new ValueError('Classification classes and scores cannot both be None.');
  const outputs: Record<string, TensorInfo> = {};
  if (classes) {
    requireDType(classes, ['int32', 'int64'], 'Classification classes');
    outputs[K.CLASSIFY_OUTPUT_CLASSES] = build_tensor_info(classes);
  }
  if (scores) {
    requireDType(scores, ['float32'], 'Classification scores');
    outputs[K.CLASSIFY_OUTPUT_SCORES] = build_tensor_info(scores);
  }
  return build_signature_def({ [K.CLASSIFY_INPUTS]: build_tensor_info(examples) }, outputs, K.CLASSIFY_METHOD_NAME);
}

/** tf.saved_model.signature_def_utils.regression_signature_def(examples, predictions); examples as in classification. */
export function regression_signature_def(examples: Tensor, predictions: Tensor): SignatureDef {
  if (!examples) throw new ValueError('Regression examples cannot be None.');
  if (!predictions) throw new ValueError('Regression predictions cannot be None.');
  requireDType(predictions, ['float32'], 'Regression predictions');
  return build_signature_def({ [K.REGRESS_INPUTS]: build_tensor_info(examples) },
    { [K.REGRESS_OUTPUTS]: build_tensor_info(predictions) }, K.REGRESS_METHOD_NAME);
}

function requireDType(t: Tensor, ok: DType[], what: string): void {
  if (!ok.includes(t.dtype)) throw new ValueError(`${what} must be a ${ok.join(' or ')} Tensor; got ${t.dtype} (${t.name})`);
}

/** tf.saved_model.signature_def_utils.is_valid_signature: a predict/classify/regress signature of the right form. */
export function is_valid_signature(sig: SignatureDef): boolean {
  if (!sig || typeof sig !== 'object' || !sig.inputs || !sig.outputs) return false;
  const inKeys = Object.keys(sig.inputs), outKeys = Object.keys(sig.outputs);
  switch (sig.method_name) {
    case K.PREDICT_METHOD_NAME: return inKeys.length > 0 && outKeys.length > 0;
    case K.CLASSIFY_METHOD_NAME:
      return inKeys.length === 1 && inKeys[0] === K.CLASSIFY_INPUTS && outKeys.length > 0 &&
        outKeys.every((k) => k === K.CLASSIFY_OUTPUT_CLASSES || k === K.CLASSIFY_OUTPUT_SCORES);
    case K.REGRESS_METHOD_NAME:
      return inKeys.length === 1 && inKeys[0] === K.REGRESS_INPUTS && outKeys.length === 1 && outKeys[0] === K.REGRESS_OUTPUTS;
    default: return false;
  }
}

/**
 * Checks a signature_def_map against the graph being saved: every TensorInfo must name a
 * tensor of that graph with the recorded dtype. Returns a plain copy, detached from the caller's objects.
 */
export function checkSignatureMap(map: unknown, graph: Graph): Record<string, SignatureDef> {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new ValueError(`signature_def_map must be an object of SignatureDefs keyed by name; got ${JSON.stringify(map)}`);
  }
  const out: Record<string, SignatureDef> = {};
  for (const [key, sig] of Object.entries(map as Record<string, SignatureDef>)) {
    if (!sig || typeof sig !== 'object' || typeof sig.inputs !== 'object' || typeof sig.outputs !== 'object') {
      throw new ValueError(`signature_def_map['${key}'] is not a SignatureDef (build it with predict_signature_def or build_signature_def)`);
    }
    const copyInfos = (infoMap: Record<string, TensorInfo>, side: string) => {
      const res: Record<string, TensorInfo> = {};
      for (const [k, info] of Object.entries(infoMap ?? {})) {
        const where = `signature_def_map['${key}'].${side}['${k}']`;
        if (!info || typeof info.name !== 'string') throw new ValueError(`${where} is not a TensorInfo (use build_tensor_info)`);
        let t: Tensor;
        try { t = graph.get_tensor_by_name(info.name); } catch (e) {
          throw new ValueError(`${where} names tensor '${info.name}', which is not in the graph being saved: ${(e as Error).message}`);
        }
        if (t.dtype !== info.dtype) throw new ValueError(`${where} says dtype ${info.dtype} but tensor '${info.name}' is ${t.dtype}`);
        res[k] = JSON.parse(JSON.stringify(info));
      }
      return res;
    };
    out[key] = { inputs: copyInfos(sig.inputs, 'inputs'), outputs: copyInfos(sig.outputs, 'outputs'), method_name: String(sig.method_name ?? '') };
  }
  return out;
}
