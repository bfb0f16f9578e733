import * as fs from 'fs';
import * as path from 'path';
import { NDArray, sizeOf, formatShape } from '../framework/ndarray';
import { DType } from '../framework/dtypes';
import { DataLossError, InvalidArgumentError, NotFoundError } from '../framework/errors';
import { crc32c } from './crc32c';
import { encodeContainer, decodeContainer, hex } from './container';
import { BYTES_PER_ELEMENT, encodeTensorInto, decodeTensor } from './tensor_codec';
import { writeFileAtomic } from './atomic_write';
import { JsonChecker } from './validate';

/**
 * A variables file set (TF's tensor bundle, in tensorgraph's own format): for a prefix P,
 * `P.data-00000-of-00001` holds every tensor's little-endian bytes back to back, and
 * `P.index` (a checksummed container, magic TGCKPIDX) lists each tensor's name, dtype,
 * shape, byte offset, byte length and CRC-32C. See docs/saved_model_format.md.
 */
export const INDEX_MAGIC = 'TGCKPIDX';
export const VARIABLES_FORMAT = 'tensorgraph.variables';
export const VARIABLES_FORMAT_VERSION = 1;
/** The data file of shard 0 of 1; tensorgraph writes a single shard. */
export const DATA_SUFFIX = '.data-00000-of-00001';

export interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
  offset: number;
  length: number;
  crc32c: number;
}

export function indexPath(prefix: string): string { return `${prefix}.index`; }
export function dataPath(prefix: string): string { return `${prefix}${DATA_SUFFIX}`; }

/**
 * Writes `values` (name -> array) under `prefix`. The data file is written first and
 * the index last, each atomically, so an index on disk always describes complete data.
 */
export function writeVariables(prefix: string, values: Map<string, NDArray>): void {
  const sorted = [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let total = 0;
  for (const [, v] of sorted) total += v.size * BYTES_PER_ELEMENT[v.dtype];
  const data = new Uint8Array(total);
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [name, value] of sorted) {
    const length = value.size * BYTES_PER_ELEMENT[value.dtype];
    const bytes = data.subarray(offset, offset + length);
    encodeTensorInto(value, bytes);
    entries.push({ name, dtype: value.dtype, shape: value.shape.slice(), offset, length, crc32c: crc32c(bytes) });
    offset += length;
  }
  writeFileAtomic(dataPath(prefix), data);
  const index = {
    format: VARIABLES_FORMAT,
    format_version: VARIABLES_FORMAT_VERSION,
    data_files: [{ length: total }],
    tensors: entries.map((e) => ({ ...e, shard: 0 })),
  };
  writeFileAtomic(indexPath(prefix), encodeContainer(INDEX_MAGIC, index));
}

/** An opened variables file set: index validated, data file size checked; tensors checked on read. */
export class VariablesReader {
  private readonly byName = new Map<string, TensorEntry>();
  private data: Uint8Array | null = null;

  private constructor(readonly prefix: string, entries: TensorEntry[], private readonly dataLength: number) {
    for (const e of entries) this.byName.set(e.name, e);
  }

  /** Opens `prefix`.index and checks it completely; NotFoundError if either file is missing. */
  static open(prefix: string): VariablesReader {
    const idxFile = indexPath(prefix);
    const dataFile = dataPath(prefix);
    const idxBytes = readExisting(idxFile, 'checkpoint index');
    if (!fs.existsSync(dataFile)) {
      throw new NotFoundError(`${dataFile}: checkpoint data file not found (the index ${path.basename(idxFile)} exists)`);
    }
    const { entries, dataLength } = parseIndex(decodeContainer(idxBytes, INDEX_MAGIC, idxFile), idxFile);
    const actual = fs.statSync(dataFile).size;
    if (actual !== dataLength) {
      throw new DataLossError(`${dataFile}: data file is ${actual} bytes but the index ${path.basename(idxFile)} records ${dataLength} ` +
        `(${actual < dataLength ? 'truncated' : 'unexpected trailing data'})`);
    }
    return new VariablesReader(prefix, entries, dataLength);
  }

  names(): string[] { return [...this.byName.keys()]; }
  has(name: string): boolean { return this.byName.has(name); }
  entry(name: string): TensorEntry | undefined { return this.byName.get(name); }

  /** The stored tensor, checksum verified. NotFoundError naming the key if absent. */
  read(name: string): NDArray {
    const e = this.byName.get(name);
    if (!e) {
      throw new NotFoundError(`Key ${name} not found in checkpoint ${this.prefix} ` +
        `(it holds: ${this.names().slice(0, 20).join(', ')}${this.byName.size > 20 ? ', ...' : ''})`);
    }
    const data = this.loadData();
    const bytes = data.subarray(e.offset, e.offset + e.length);
    const actual = crc32c(bytes);
    if (actual !== e.crc32c) {
      throw new DataLossError(`${dataPath(this.prefix)}: checksum mismatch for tensor '${name}' ` +
        `(index records crc32c ${hex(e.crc32c)}, data has ${hex(actual)}): the file is corrupt or was modified`);
    }
    return decodeTensor(bytes, e.dtype, e.shape);
  }

  private loadData(): Uint8Array {
    if (!this.data) {
      const file = dataPath(this.prefix);
      const bytes = readExisting(file, 'checkpoint data');
      // The file may have changed since open(): every offset was checked against the old size.
      if (bytes.length !== this.dataLength) {
        throw new DataLossError(`${file}: data file is ${bytes.length} bytes but the index records ${this.dataLength}`);
      }
      this.data = bytes;
    }
    return this.data;
  }
}

function readExisting(file: string, what: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${file}: ${what} file not found`);
    throw new DataLossError(`${file}: cannot read ${what} file (${(e as Error).message})`);
  }
}

/** Checks every field of an index against the format and against the data file's declared size. */
function parseIndex(json: unknown, file: string): { entries: TensorEntry[]; dataLength: number } {
  const c = new JsonChecker(file);
  const root = c.object(json, 'index');
  if (root.format !== VARIABLES_FORMAT) c.fail('format', `must be '${VARIABLES_FORMAT}', got ${JSON.stringify(root.format)}`);
  const version = c.count(root.format_version, 'format_version');
  if (version !== VARIABLES_FORMAT_VERSION) {
    throw new InvalidArgumentError(`${file}: unsupported variables format_version ${version} (this tensorgraph reads version ${VARIABLES_FORMAT_VERSION})`);
  }
  const files = c.array(root.data_files, 'data_files');
  if (files.length !== 1) c.fail('data_files', `must list exactly one data file, got ${files.length}`);
  const dataLength = c.count(c.object(files[0], 'data_files[0]').length, 'data_files[0].length');
  const seen = new Set<string>();
  const entries = c.array(root.tensors, 'tensors').map((t, i): TensorEntry => {
    const where = `tensors[${i}]`;
    const o = c.object(t, where);
    const name = c.string(o.name, `${where}.name`);
    if (seen.has(name)) c.fail(`${where}.name`, `duplicates tensor '${name}'`);
    seen.add(name);
    const dtype = c.dtype(o.dtype, `${where}.dtype`);
    const shape = c.shape(o.shape, `${where}.shape`);
    if (c.count(o.shard, `${where}.shard`) !== 0) c.fail(`${where}.shard`, 'must be 0 (single data file)');
    const offset = c.count(o.offset, `${where}.offset`);
    const length = c.count(o.length, `${where}.length`);
    const crc = c.count(o.crc32c, `${where}.crc32c`, 0xffffffff);
    const elements = shape.reduce((p, d) => p * d, 1);
    if (elements * BYTES_PER_ELEMENT[dtype] !== length) {
      throw new InvalidArgumentError(`${file}: tensor '${name}' has shape ${formatShape(shape)} and dtype ${dtype}, ` +
        `which needs ${elements * BYTES_PER_ELEMENT[dtype]} bytes, but the index records ${length}`);
    }
    if (offset + length > dataLength) {
      throw new DataLossError(`${file}: tensor '${name}' spans bytes ${offset}..${offset + length} beyond the data file's ${dataLength} bytes`);
    }
    if (sizeOf(shape) > 2 ** 31 - 1) c.fail(`${where}.shape`, `has too many elements (${formatShape(shape)})`);
    return { name, dtype, shape, offset, length, crc32c: crc };
  });
  return { entries, dataLength };
}
