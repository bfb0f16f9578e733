import * as fs from 'fs';
import { fromBinary } from '@bufbuild/protobuf';
import { NotFoundError } from '../../framework/errors';
import { SavedModel, SavedModelSchema } from '../../proto/tensorflow/core/protobuf/saved_model_pb';
import { MetaGraphDef, MetaGraphDefSchema } from '../../proto/tensorflow/core/protobuf/meta_graph_pb';
import { decodeProto } from './bundle_reader';

function readExisting(file: string, what: string): Uint8Array {
  if (!fs.existsSync(file)) throw new NotFoundError(`${what} file does not exist at: ${file}`);
  return fs.readFileSync(file);
}

/** A TensorFlow `saved_model.pb` (tensorflow.SavedModel); a malformed file is a DataLossError naming it. */
export function readSavedModelProto(file: string): SavedModel {
  const bytes = readExisting(file, 'SavedModel');
  return decodeProto(() => fromBinary(SavedModelSchema, bytes), file, 'tensorflow.SavedModel');
}

/** A TensorFlow `.meta` file (tensorflow.MetaGraphDef); a malformed file is a DataLossError naming it. */
export function readMetaGraphDefProto(file: string): MetaGraphDef {
  const bytes = readExisting(file, 'MetaGraphDef');
  return decodeProto(() => fromBinary(MetaGraphDefSchema, bytes), file, 'tensorflow.MetaGraphDef');
}
