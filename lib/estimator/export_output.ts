/** tf.estimator.export.PredictOutput: one entry of EstimatorSpec.export_outputs, a serving signature's outputs. */
import { Tensor } from '../framework/tensor';
import { ValueError } from '../framework/errors';
import { callable } from '../framework/callable';
import { predict_signature_def } from '../saved_model/signature_def_utils';
import type { SignatureDef } from '../saved_model/meta_graph';

export interface ExportOutput { as_signature_def(receiver_tensors: Record<string, Tensor>): SignatureDef }

export class PredictOutputImpl implements ExportOutput {
  readonly outputs: Record<string, Tensor>;
  /** PredictOutput(outputs): a Tensor (keyed 'output') or a dict of them. */
  constructor(outputs: Tensor | Record<string, Tensor>) {
    const dict = outputs instanceof Tensor ? { output: outputs } : outputs;
    if (!dict || typeof dict !== 'object' || Object.keys(dict).length === 0) {
      throw new ValueError(`Prediction outputs must be given as a dict of string to Tensor; got ${String(outputs)}`);
    }
    for (const [k, v] of Object.entries(dict)) {
      if (!(v instanceof Tensor)) throw new ValueError(`Prediction output value must be a Tensor; got ${String(v)} for key ${k}`);
    }
    this.outputs = { ...dict };
  }

  as_signature_def(receiver_tensors: Record<string, Tensor>): SignatureDef {
    return predict_signature_def(receiver_tensors, this.outputs);
  }
}
export const PredictOutput = callable(PredictOutputImpl);
export type PredictOutput = PredictOutputImpl;
