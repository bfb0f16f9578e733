/** Estimator.export_savedmodel's work: the serving graph, its signatures and a timestamped SavedModel. */
import * as fs from 'fs';
import * as path from 'path';
import type { Graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import type { ClosableSession } from '../framework/session_factory';
import * as logging from '../framework/tf_logging';
import { Saver } from '../saved_model/saver';
import { SavedModelBuilder } from '../saved_model/builder';
import { signature_constants, tag_constants } from '../saved_model/constants';
import type { SignatureDef } from '../saved_model/meta_graph';
import type { EstimatorSpecImpl } from './estimator_spec';
import { PredictOutputImpl } from './export_output';
import { ServingInputReceiverImpl } from './serving_input';

export type ServingInputReceiverFn = () => ServingInputReceiverImpl;

export function exportSavedModel(graph: Graph, exportDirBase: string, receiverFn: ServingInputReceiverFn,
  callModelFn: (features: unknown) => EstimatorSpecImpl, restore: (saver: Saver) => ClosableSession, stripDefaultAttrs: boolean): string {
  const receiver = receiverFn();
  if (!(receiver instanceof ServingInputReceiverImpl)) {
    throw new ValueError(`serving_input_receiver_fn must return a ServingInputReceiver; got ${String(receiver)}`);
  }
  const spec = callModelFn(receiver.features);
  const outputs = spec.export_outputs ?? { [signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]: new PredictOutputImpl(spec.predictions) };
  const signatures: Record<string, SignatureDef> = {};
  for (const [key, output] of Object.entries(outputs)) signatures[key] = output.as_signature_def(receiver.receiver_tensors);
  logging.info('Signatures INCLUDED in export for Predict: %s', `[${Object.keys(signatures).map((k) => `'${k}'`).join(', ')}]`);
  const saver = new Saver({ allow_empty: true });
  const exportDir = timestampedDir(exportDirBase);
  const session = restore(saver);
  try {
    const builder = new SavedModelBuilder(exportDir);
    builder.add_meta_graph_and_variables(session as never, [tag_constants.SERVING],
      { signature_def_map: signatures, strip_default_attrs: stripDefaultAttrs });
    builder.save();
  } finally {
    session.close();
  }
  return exportDir;
}

/**
 * export_dir_base/<seconds since the epoch>. TF1 sleeps a second and retries while that name
 * is taken; the next free second is the same name it would get, without the wait.
 */
function timestampedDir(base: string): string {
  let stamp = Math.floor(Date.now() / 1000);
  while (fs.existsSync(path.join(base, String(stamp)))) stamp += 1;
  return path.join(base, String(stamp));
}
