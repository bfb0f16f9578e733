import { NDArray, formatShape } from '../framework/ndarray';
import type { Variable } from '../ops/variables';
import { InvalidArgumentError, NotFoundError, ValueError } from '../framework/errors';
import { isCompatible, shapeToString } from '../framework/shape_utils';
import type { Session } from '../session/session';
import type { SavedVariable } from './graph_importer';
import { VariablesReader } from './variables_file';
import { TfBundleReader, isTfBundle } from './tf_bundle/bundle_reader';

/** A checkpoint's reader, whichever format wrote it: TensorFlow's tensor bundle (sniffed by its table magic) or tensorgraph's own. */
export function openCheckpoint(prefix: string): Pick<VariablesReader, 'prefix' | 'read' | 'has' | 'names'> {
  return isTfBundle(prefix) ? TfBundleReader.open(prefix) : VariablesReader.open(prefix);
}

/**
 * Reads and checks every variable's value (present, checksum, dtype, shape) before any
 * is written, so a bad checkpoint leaves the session's variables as they were.
 */
export function readCheckedValues(reader: Pick<VariablesReader, 'prefix' | 'read' | 'has'>, vars: { key: string; variable: SavedVariable }[]): Map<string, NDArray> {
  const values = new Map<string, NDArray>();
  for (const { key, variable } of vars) {
    // TF's message, with the checkpoint named (TF names the RestoreV2 node instead).
    if (!reader.has(key)) throw new NotFoundError(`Key ${key} not found in checkpoint ${reader.prefix}`);
    const value = reader.read(key);
    if (value.dtype !== variable.dtype) {
      throw new InvalidArgumentError(`tensor '${key}' in checkpoint ${reader.prefix} has dtype ${value.dtype}, ` +
        `but variable '${variable.name}' is ${variable.dtype}`, variable.name);
    }
    if (!isCompatible(variable.shape, value.shape)) {
      throw new InvalidArgumentError(`Assign requires shapes of both tensors to match. lhs shape= ${shapeToString(variable.shape)} ` +
        `rhs shape= ${formatShape(value.shape)} (variable '${variable.name}', tensor '${key}' in checkpoint ${reader.prefix})`, variable.name);
    }
    values.set(variable.name, value);
  }
  return values;
}

/** Writes checked values into the session's variables in one commit. */
export function assignAll(sess: Session, values: Map<string, NDArray>): void {
  try {
    for (const [name, value] of values) sess.variables.write(name, value);
  } catch (e) {
    sess.variables.rollback();
    throw e;
  }
  sess.variables.commit();
}

export function checkSession(sess: unknown, fn: string): Session {
  const s = sess as Session;
  if (!s || typeof s !== 'object' || !s.graph || !s.variables || typeof s.run !== 'function') {
    throw new ValueError(`${fn} needs a tf.Session as its first argument; got ${String(sess)}`);
  }
  if (s.is_closed) throw new ValueError(`${fn}: the session is closed`);
  return s;
}

/**
 * The current values of variables, read through sess.run: a backend may hold newer
 * values than the session's host store (the gpu.js backend keeps them on the device),
 * and a run returns the newest. Uninitialized variables fail as in TF.
 */
export function readVariableValues(sess: Session, vars: Variable[]): NDArray[] {
  if (vars.length === 0) return [];
  const fetched: unknown[] = sess.run(vars.map((v) => v.op.outputs[0]));
  return fetched.map((value, i) => (value instanceof NDArray ? value : NDArray.scalar(value as number | boolean, vars[i].dtype)));
}
