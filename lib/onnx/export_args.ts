import { bindArgs, isOptionsObject, PySignature } from '../framework/python_args';

/**
 * tf.onnx.export's parameters, in order: export(sess, inputs, outputs, opset=13,
 * constants=None, batch_dim='batch', path=None).
 */
export const EXPORT_SIGNATURE: PySignature = {
  name: 'export', params: ['sess', 'inputs', 'outputs', 'opset', 'constants', 'batch_dim', 'path'], required: 3,
};

/** inputs, outputs and constants take a plain {name: tensor} object as their value. */
const MAP_POSITIONS = new Set([1, 2, 4]);

function namesAParameter(v: unknown): boolean {
  return isOptionsObject(v) && Object.keys(v).some((k) => EXPORT_SIGNATURE.params.includes(k));
}

/**
 * Binds export's arguments as Python binds them (bindArgs), with two readings of a plain
 * object that Python spells apart: a trailing object is the keywords unless it stands
 * where a {name: tensor} map goes and names no parameter (export(sess, {x}, {y}) passes
 * maps); and (sess, {inputs, outputs, ...}, path) reads the middle object as the keywords,
 * the form the function has always had.
 */
export function bindExportArgs(args: readonly unknown[]): Record<string, unknown> {
  let list = args.slice();
  if (list.length === 3 && namesAParameter(list[1]) && (typeof list[2] === 'string' || list[2] === undefined)) {
    const keywords = list[1] as Record<string, unknown>;
    if (keywords.path !== undefined && list[2] !== undefined) throw new TypeError("export() got multiple values for argument 'path'");
    list = [list[0], list[2] === undefined ? keywords : { ...keywords, path: list[2] }];
  }
  const last = list[list.length - 1];
  const isKeywords = isOptionsObject(last) && (!MAP_POSITIONS.has(list.length - 1) || namesAParameter(last));
  return bindArgs('export', isKeywords || !isOptionsObject(last) ? list : [...list, {}], [...EXPORT_SIGNATURE.params], {}, EXPORT_SIGNATURE.required);
}
