/* tf.saved_model: builder, loader, signature_def_utils, utils, signature_constants, tag_constants. */
import { SavedModelBuilder } from './builder';
import { load, maybe_saved_model_directory } from './loader';
import * as signatureDefUtils from './signature_def_utils';
import { build_tensor_info, get_tensor_from_tensor_info } from './utils';
import { signature_constants, tag_constants } from './constants';
import { simple_save } from './simple_save';

export const builder = { SavedModelBuilder };
import { load_async } from './url_loader';
export const loader = { load, maybe_saved_model_directory, load_async };
export const signature_def_utils = {
  build_signature_def: signatureDefUtils.build_signature_def,
  predict_signature_def: signatureDefUtils.predict_signature_def,
  classification_signature_def: signatureDefUtils.classification_signature_def,
  regression_signature_def: signatureDefUtils.regression_signature_def,
  is_valid_signature: signatureDefUtils.is_valid_signature,
};
export const utils = { build_tensor_info, get_tensor_from_tensor_info };
export { signature_constants, tag_constants, simple_save };
// TF 1.15's top-level aliases: tf.saved_model.Builder, tf.saved_model.load, ...
export { SavedModelBuilder, SavedModelBuilder as Builder, load, build_tensor_info, get_tensor_from_tensor_info };
export { maybe_saved_model_directory as contains_saved_model };
export const { build_signature_def, predict_signature_def, classification_signature_def, regression_signature_def, is_valid_signature } = signature_def_utils;
export { SAVED_MODEL_FILENAME } from './meta_graph';
export type { MetaGraph, SignatureDef, TensorInfo } from './meta_graph';
/** A SavedModel fetched over HTTP (lib/saved_model/url_loader.ts): loader.load_async under a name for web pages. */
export { load_async as loadFromUrl } from './url_loader';
