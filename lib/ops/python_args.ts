/* Python's argument binding lives in the framework layer (Tensor.eval and Session.run use it too); the ops import it from here. */
export * from '../framework/python_args';
