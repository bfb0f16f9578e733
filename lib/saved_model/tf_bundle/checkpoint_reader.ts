import * as fs from 'fs';
import { NDArray } from '../../framework/ndarray';
import { ValueError } from '../../framework/errors';
import { pyfunc } from '../../framework/python_args';
import { DataType } from '../../proto/tensorflow/core/framework/types_pb';
import { latest_checkpoint } from '../saver_impl';
import { StringTensor, TfBundleReader } from './bundle_reader';
import { tfDTypeEnumName, tfDTypeName } from './bundle_dtypes';

/**
 * TF1's CheckpointReader (tf.train.NewCheckpointReader) over a TensorFlow V2 checkpoint:
 * the tensors' names, shapes, dtypes (TF's names, e.g. 'float32') and values.
 */
export class CheckpointReader {
  private readonly bundle: TfBundleReader;

  constructor(readonly prefix: string) {
    this.bundle = TfBundleReader.open(prefix);
  }

  get_variable_to_shape_map(): Record<string, number[]> {
    return Object.fromEntries(this.bundle.names().map((n) => [n, this.bundle.shape(n)]));
  }

  get_variable_to_dtype_map(): Record<string, string> {
    return Object.fromEntries(this.bundle.names().map((n) => [n, tfDTypeName(this.bundle.dtype(n))]));
  }

  has_tensor(name: string): boolean { return this.bundle.has(name); }

  /** The tensor's value: an NDArray, or for a string tensor its elements' bytes. NotFoundError for an absent key. */
  get_tensor(name: string): NDArray | StringTensor {
    return this.bundle.dtype(name) === DataType.DT_STRING ? this.bundle.readStrings(name) : this.bundle.read(name);
  }

  /** One line per tensor, as TF's DebugString: `name (DT_FLOAT) [784,10]`. */
  debug_string(): string {
    return this.bundle.names()
      .map((n) => `${n} (${tfDTypeEnumName(this.bundle.dtype(n))}) [${this.bundle.shape(n).join(',')}]\n`).join('');
  }
}

/** tf.train.NewCheckpointReader(filepattern). */
export const NewCheckpointReader = pyfunc('NewCheckpointReader', ['filepattern'], 1,
  (filepattern: string): CheckpointReader => new CheckpointReader(filepattern));

/** A checkpoint directory's latest checkpoint, or the prefix itself. */
function checkpointPrefix(ckpt_dir_or_file: string): string {
  if (fs.existsSync(ckpt_dir_or_file) && fs.statSync(ckpt_dir_or_file).isDirectory()) {
    const latest = latest_checkpoint(ckpt_dir_or_file);
    if (!latest) throw new ValueError(`Couldn't find 'checkpoint' file or checkpoints in given directory ${ckpt_dir_or_file}`);
    return latest;
  }
  return ckpt_dir_or_file;
}

/** tf.train.load_checkpoint(ckpt_dir_or_file): a CheckpointReader for a prefix or a directory's latest checkpoint. */
export const load_checkpoint = pyfunc('load_checkpoint', ['ckpt_dir_or_file'], 1,
  (ckpt_dir_or_file: string): CheckpointReader => new CheckpointReader(checkpointPrefix(ckpt_dir_or_file)));

/** tf.train.list_variables(ckpt_dir_or_file): [name, shape] pairs, sorted by name. */
export const list_variables = pyfunc('list_variables', ['ckpt_dir_or_file'], 1,
  (ckpt_dir_or_file: string): Array<[string, number[]]> => {
    const shapes = load_checkpoint(ckpt_dir_or_file).get_variable_to_shape_map();
    return Object.keys(shapes).sort().map((n) => [n, shapes[n]] as [string, number[]]);
  });

/** tf.train.load_variable(ckpt_dir_or_file, name): one tensor's value (a trailing ':0' is dropped, as TF does). */
export const load_variable = pyfunc('load_variable', ['ckpt_dir_or_file', 'name'], 2,
  (ckpt_dir_or_file: string, name: string): NDArray | StringTensor =>
    load_checkpoint(ckpt_dir_or_file).get_tensor(name.endsWith(':0') ? name.slice(0, -2) : name));
