import type { Session } from '../session/session';
import type { Tensor } from '../framework/tensor';
import { SavedModelBuilder } from './builder';
import { predict_signature_def } from './signature_def_utils';
import { signature_constants, tag_constants } from './constants';

/**
 * tf.saved_model.simple_save(session, export_dir, inputs, outputs): one 'serve' meta graph
 * with a predict signature under 'serving_default'.
 */
export function simple_save(session: Session, export_dir: string, inputs: Record<string, Tensor>, outputs: Record<string, Tensor>): string {
  const b = new SavedModelBuilder(export_dir);
  b.add_meta_graph_and_variables(session, [tag_constants.SERVING], {
    signature_def_map: { [signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]: predict_signature_def(inputs, outputs) },
  });
  return b.save();
}
