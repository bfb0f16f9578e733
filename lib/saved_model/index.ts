/* tf.saved_model: builder, loader, signature_def_utils, utils, signature_constants, tag_constants. */
export {};
