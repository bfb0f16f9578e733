import * as fs from 'fs';
import * as path from 'path';
import { InvalidArgumentError, NotFoundError } from '../../framework/errors';
import { NDArray } from '../../framework/ndarray';
import { kernelRegistry, CpuKernel } from '../../registry/kernel_registry';
import { TfBundleReader, bundleIndexPath } from '../tf_bundle/bundle_reader';
import { writeTfBundle } from '../tf_bundle/bundle_writer';
import { tfDTypeName } from '../tf_bundle/bundle_dtypes';
import type { DType } from '../../framework/dtypes';

/*
 * CPU kernels of TF's checkpoint ops (schemas: lib/ops/defs/io/checkpoint_io.ts). They read and
 * write tensor bundles through lib/saved_model/tf_bundle, which kernels/ may not import, so
 * they are registered here, when tf_import loads (lib/index.ts loads it).
 */

function names(a: NDArray): string[] { return Array.from({ length: a.size }, (_, i) => a.stringAt(i)); }

function checkSlices(slices: NDArray, op: string): void {
  for (const s of names(slices)) {
    if (s !== '') throw new InvalidArgumentError(`${op}: partitioned variables (shape_and_slices '${s}') are not supported`, op);
  }
}

function readTensor(reader: TfBundleReader, name: string): NDArray {
  if (tfDTypeName(reader.dtype(name)) === 'string') {
    const t = reader.readStrings(name);
    return NDArray.fromStrings(t.values, t.shape);
  }
  return reader.read(name);
}

const restoreV2: CpuKernel = ([prefix, tensorNames, slices], ctx) => {
  checkSlices(slices, ctx.op.name);
  const reader = TfBundleReader.open(prefix.stringAt(0));
  const dtypes = ctx.attrs.dtypes as DType[];
  const wanted = names(tensorNames);
  if (wanted.length !== dtypes.length) {
    throw new InvalidArgumentError(`RestoreV2: ${wanted.length} tensor names but ${dtypes.length} dtypes`, ctx.op.name);
  }
  return wanted.map((name, i) => {
    if (!reader.has(name)) throw new NotFoundError(`Key ${name} not found in checkpoint`, ctx.op.name);
    const value = readTensor(reader, name);
    if (value.dtype !== dtypes[i]) {
      throw new InvalidArgumentError(`tensor_name = ${name}; expected dtype ${dtypes[i]} does not equal original dtype ${value.dtype}`, ctx.op.name);
    }
    return value;
  });
};

const saveV2: CpuKernel = ([prefix, tensorNames, slices, ...tensors], ctx) => {
  checkSlices(slices, ctx.op.name);
  const file = prefix.stringAt(0);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeTfBundle(file, new Map(names(tensorNames).map((n, i) => [n, tensors[i]])));
  return [];
};

/** One bundle from several (TF's sharded save writes a part per device, then merges). */
const mergeV2Checkpoints: CpuKernel = ([sources, destination], ctx) => {
  const dest = destination.stringAt(0);
  const merged = new Map<string, NDArray>();
  const prefixes = names(sources);
  for (const p of prefixes) {
    const reader = TfBundleReader.open(p);
    for (const n of reader.names()) merged.set(n, readTensor(reader, n));
  }
  writeTfBundle(dest, merged);
  for (const p of prefixes) {
    if (p === dest) continue;
    const shards = dataShards(p);
    for (const f of [bundleIndexPath(p), ...shards]) fs.rmSync(f, { force: true });
    // delete_old_dirs: the parts' temporary directory goes when it is empty, as in TF.
    if (ctx.attrs.delete_old_dirs !== false) {
      try { fs.rmdirSync(path.dirname(p)); } catch { /* not empty, or not ours */ }
    }
  }
  return [];
};

function dataShards(prefix: string): string[] {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${base}.data-`)).map((f) => path.join(dir, f));
}

let registered = false;
export function registerCheckpointKernels(): void {
  if (registered) return;
  registered = true;
  const reg = kernelRegistry();
  reg.register('RestoreV2', 'cpu', restoreV2);
  reg.register('SaveV2', 'cpu', saveV2);
  reg.register('MergeV2Checkpoints', 'cpu', mergeV2Checkpoints);
}
registerCheckpointKernels();
