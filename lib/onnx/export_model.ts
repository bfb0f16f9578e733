import * as fs from 'fs';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  ModelProtoSchema, GraphProtoSchema, ValueInfoProto, ValueInfoProtoSchema, TypeProtoSchema, TypeProto_TensorSchema,
  TensorShapeProtoSchema, TensorShapeProto_DimensionSchema, OperatorSetIdProtoSchema,
} from '../proto/onnx/onnx_pb';
import { NDArray } from '../framework/ndarray';
import { Tensor } from '../framework/tensor';
import type { Graph } from '../framework/graph';
import { InvalidArgumentError, UnimplementedError, ValueError } from '../framework/errors';
import { ConstantFolder, ValueSource } from './constant_folding';
import { bindExportArgs, EXPORT_SIGNATURE } from './export_args';
import type { PySignature } from '../framework/python_args';
import { OnnxGraphBuilder, asArray } from './graph_builder';
import { onnxType } from './onnx_tensor';
import { mappingFor } from './ops/index';
import type { OnnxNodeContext, OnnxOutput } from './mapping_types';

/** A tensor, or its name in the session's graph ('x:0'; 'x' means output 0). */
export type TensorRef = Tensor | string;

export interface OnnxExportOptions {
  /** The graph inputs: a list (named by the tensors' names) or {onnx_name: tensor}. */
  inputs: TensorRef[] | Record<string, TensorRef>;
  /** The graph outputs, the same way. */
  outputs: TensorRef[] | Record<string, TensorRef>;
  /** The default domain's opset (13: ONNX Runtime, Triton and TensorRT all run it). */
  opset?: number;
  /** Tensors given a fixed value and folded away, such as {'keep_prob:0': 1} for dropout. */
  constants?: Record<string, NDArray | number | number[]> | Map<TensorRef, NDArray | number | number[]>;
  /** The dim_param of a graph input's or output's unknown first dimension (default 'batch'). */
  batch_dim?: string;
}

/** The session parts export reads: its graph and values. */
export interface ExportSession extends ValueSource { readonly graph: Graph }

export const DEFAULT_OPSET = 13;
const MIN_OPSET = 13;
/** ONNX's IR version 7 goes with opset 13. */
const IR_VERSION = 7n;

/** The keywords of tf.onnx.export: OnnxExportOptions, the session and the path. */
export interface OnnxExportKeywords extends Partial<OnnxExportOptions> { sess?: ExportSession; path?: string }

/** tf.onnx.export's calling forms (bindExportArgs). */
export interface OnnxExportFunction {
  (sess: ExportSession, options: OnnxExportOptions, path?: string): Uint8Array;
  (sess: ExportSession, inputs: OnnxExportOptions['inputs'], outputs: OnnxExportOptions['outputs'], keywords?: OnnxExportKeywords): Uint8Array;
  (sess: ExportSession, inputs: OnnxExportOptions['inputs'], outputs: OnnxExportOptions['outputs'], opset?: number | null,
    constants?: OnnxExportOptions['constants'] | null, batch_dim?: string | null, path?: string): Uint8Array;
  (keywords: OnnxExportKeywords): Uint8Array;
  readonly signature: PySignature;
}

/**
 * tf.onnx.export(sess, inputs, outputs, opset=13, constants=None, batch_dim='batch', path=None),
 * also called as export(sess, {inputs, outputs, opset, constants}, path): the inference part
 * of sess.graph that computes `outputs` from `inputs` as an ONNX ModelProto. Only the ops the
 * outputs need given the inputs are written (training ops are never reached); variables
 * are read from sess and written as initializers, constants given in `constants` (dropout's
 * keep_prob: 1) folded with everything that depends only on them. Writes the model to path
 * when given; returns its bytes. An unknown keyword is Python's TypeError naming export and the key.
 */
export const exportOnnx: OnnxExportFunction = Object.defineProperties(function (...args: unknown[]): Uint8Array {
  const a = bindExportArgs(args);
  return exportModel(a.sess as ExportSession, a as unknown as OnnxExportOptions, a.path as string | undefined);
}, { name: { value: 'export' }, signature: { value: EXPORT_SIGNATURE } }) as OnnxExportFunction;

function exportModel(sess: ExportSession, options: OnnxExportOptions, path?: string): Uint8Array {
  if (!sess || typeof sess.run !== 'function' || !sess.graph) throw new ValueError('onnx.export needs a Session as its first argument');
  if (path !== undefined && typeof path !== 'string') throw new TypeError(`export() argument 'path' must be a string, got ${typeof path}`);
  const graph = sess.graph;
  const opset = options.opset ?? DEFAULT_OPSET;
  if (!Number.isInteger(opset) || opset < MIN_OPSET) throw new ValueError(`onnx.export: opset must be an integer >= ${MIN_OPSET}, got ${opset}`);
  const inputs = namedTensors(graph, options.inputs, 'inputs');
  const outputs = namedTensors(graph, options.outputs, 'outputs');
  if (outputs.length === 0) throw new ValueError('onnx.export needs at least one output');
  const constants = constantFeeds(graph, options.constants);
  const writer = new ModelWriter(sess, inputs, constants, opset, options.batch_dim ?? 'batch');
  const bytes = writer.write(outputs);
  if (path !== undefined) fs.writeFileSync(path, bytes);
  return bytes;
}

function resolveTensor(graph: Graph, ref: TensorRef, what: string): Tensor {
  if (ref instanceof Tensor) {
    if (ref.graph !== graph) throw new ValueError(`onnx.export: ${what} ${ref.name} is not in the session's graph`);
    return ref;
  }
  if (typeof ref !== 'string') throw new ValueError(`onnx.export: ${what} must be a Tensor or a tensor name, got ${typeof ref}`);
  return graph.get_tensor_by_name(ref.includes(':') ? ref : `${ref}:0`);
}

function namedTensors(graph: Graph, refs: TensorRef[] | Record<string, TensorRef> | undefined, what: string): [string, Tensor][] {
  if (refs === undefined || refs === null || typeof refs !== 'object') throw new ValueError(`onnx.export needs '${what}': a list of tensors or {name: tensor}`);
  const entries: [string, Tensor][] = Array.isArray(refs)
    ? refs.map((r) => { const t = resolveTensor(graph, r, what); return [t.name, t]; })
    : Object.entries(refs).map(([k, r]) => [k, resolveTensor(graph, r, what)]);
  const seen = new Set<string>();
  for (const [name] of entries) {
    if (seen.has(name)) throw new ValueError(`onnx.export: ${what} name '${name}' appears twice`);
    seen.add(name);
  }
  return entries;
}

function constantFeeds(graph: Graph, given: OnnxExportOptions['constants']): Map<Tensor, NDArray> {
  const out = new Map<Tensor, NDArray>();
  const entries: [TensorRef, NDArray | number | number[]][] = given === undefined || given === null ? []
    : given instanceof Map ? [...given.entries()] : Object.entries(given);
  for (const [ref, v] of entries) {
    const t = resolveTensor(graph, ref, 'constants');
    const value = v instanceof NDArray ? v : asArray(v, t.dtype);
    if (value.dtype !== t.dtype) throw new ValueError(`onnx.export: constant for ${t.name} has dtype ${value.dtype}, the tensor ${t.dtype}`);
    out.set(t, value);
  }
  return out;
}

interface ValueNames { nhwc?: string; nchw?: string }

/** One export: walks from the outputs to the inputs, writing each op through its mapping. */
class ModelWriter {
  private readonly builder = new OnnxGraphBuilder();
  private readonly folder: ConstantFolder;
  private readonly values = new Map<Tensor, ValueNames>();
  private readonly graphInputs: ValueInfoProto[] = [];

  constructor(private readonly sess: ExportSession, inputs: [string, Tensor][], constants: Map<Tensor, NDArray>,
    private readonly opset: number, private readonly batchDim: string) {
    this.folder = new ConstantFolder(sess, constants, new Set(inputs.map(([, t]) => t)));
    for (const [name, t] of inputs) {
      if (constants.has(t)) throw new ValueError(`onnx.export: ${t.name} is both an input and a constant`);
      this.builder.claim(name);
      this.values.set(t, { nhwc: name });
      this.graphInputs.push(valueInfo(name, t, this.batchDim));
      // A PlaceholderWithDefault listed here is a required input. ONNX's optional input (an initializer of the same name)
      // would keep its default, but ONNX Runtime's Node binding drops a feed for it without a word: a fed value ignored.
    }
  }

  write(outputs: [string, Tensor][]): Uint8Array {
    for (const [name] of outputs) {
      if (!this.builder.claim(name)) throw new ValueError(`onnx.export: output name '${name}' is also an input's; name the outputs with {name: tensor}`);
    }
    const graphOutputs: ValueInfoProto[] = [];
    for (const [name, t] of outputs) {
      // A graph output is a node's output: an Identity gives the value its public name.
      this.builder.node('Identity', [this.nhwc(t)], {}, `${name}/Identity`, [name]);
      graphOutputs.push(valueInfo(name, t, this.batchDim));
    }
    const graph = create(GraphProtoSchema, {
      name: 'tensorgraph', node: this.builder.nodes, initializer: this.builder.initializers,
      input: this.graphInputs, output: graphOutputs,
    });
    const model = create(ModelProtoSchema, {
      irVersion: IR_VERSION, producerName: 'tensorgraph', producerVersion: '0.1.0', graph,
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(this.opset) })],
    });
    return toBinary(ModelProtoSchema, model);
  }

  /** t's ONNX value in TF's layout, exporting what it needs first. */
  nhwc(tensor: Tensor): string {
    const t = this.folder.resolve(tensor);
    const names = this.namesOf(t);
    if (names.nhwc === undefined) {
      names.nhwc = this.builder.node('Transpose', [names.nchw!], { perm: [0, 2, 3, 1] }, `${t.op.name}/to_NHWC`)[0];
    }
    return names.nhwc;
  }

  /** t's ONNX value transposed to NCHW (t is 4-D, or a constant that broadcasts against a 4-D value). */
  nchw(tensor: Tensor): string {
    const t = this.folder.resolve(tensor);
    if (this.folder.isConstant(t) && !this.values.has(t)) {
      const name = this.builder.constant(toNchw(this.folder.value(t)), `${t.op.name}/NCHW`);
      this.values.set(t, { nchw: name });
      return name;
    }
    const names = this.namesOf(t);
    if (names.nchw === undefined) {
      names.nchw = this.builder.node('Transpose', [names.nhwc!], { perm: [0, 3, 1, 2] }, `${t.op.name}/to_NCHW`)[0];
    }
    return names.nchw;
  }

  isNchwOnly(tensor: Tensor): boolean {
    const t = this.folder.resolve(tensor);
    if (this.folder.isConstant(t)) return false;
    const names = this.namesOf(t); // exports the producer first: its layout is known only then
    return names.nhwc === undefined;
  }

  private namesOf(t: Tensor): ValueNames {
    let names = this.values.get(t);
    if (names) return names;
    if (this.folder.isConstant(t)) {
      names = { nhwc: this.builder.constant(this.folder.value(t), t.op.name) };
      this.values.set(t, names);
      return names;
    }
    if (t.op.type === 'Placeholder' || t.op.type === 'PlaceholderV2') {
      throw new InvalidArgumentError(`onnx.export: the outputs need ${t.name}: list it in inputs, or give its value in constants ` +
        `(e.g. {'${t.name}': 1} for dropout's keep_prob)`, t.op.name);
    }
    this.exportOp(t);
    names = this.values.get(t);
    if (!names) throw new Error(`ONNX mapping of '${t.op.type}' gave no value for ${t.name}`);
    return names;
  }

  private exportOp(t: Tensor): void {
    const op = t.op;
    const mapping = mappingFor(op.type);
    if (!mapping) {
      throw new UnimplementedError(`onnx.export: no ONNX mapping for op type '${op.type}' (node '${op.name}'). ` +
        `A custom op exports when its tf.register_op spec gives one ('onnx', docs/custom-ops.md)`, op.name);
    }
    // Inputs first, so nodes come out in topological order (ONNX requires it).
    const outputs = mapping(this.context(op));
    if (outputs.length !== op.outputs.length) throw new Error(`ONNX mapping of '${op.type}' gave ${outputs.length} outputs for ${op.outputs.length}`);
    outputs.forEach((o: OnnxOutput, k) => this.values.set(op.outputs[k], typeof o === 'string' ? { nhwc: o } : { nchw: o.nchw }));
  }

  private context(op: Tensor['op']): OnnxNodeContext {
    const writer = this, builder = this.builder, folder = this.folder;
    return {
      op, opset: this.opset,
      input: (i) => writer.nhwc(op.inputs[i]),
      inputNchw: (i) => writer.nchw(op.inputs[i]),
      isNchw: (i) => writer.isNchwOnly(op.inputs[i]),
      constantValue: (i) => { const t = folder.resolve(op.inputs[i]); return folder.isConstant(t) ? folder.value(t) : null; },
      inputShape: (i) => op.inputs[i].shape === null ? null : [...op.inputs[i].shape!],
      node: (opType, inputs, attrs = {}, o = {}) => builder.node(opType, inputs, attrs, `${op.name}/${opType}`, o.outputs ?? 1, o.domain ?? ''),
      constant: (value, dtype = 'float32') => builder.constant(asArray(value, dtype), `${op.name}/const`),
      unsupported: (why) => new UnimplementedError(`onnx.export: ${op.type} node '${op.name}': ${why}`, op.name),
    };
  }
}

/** A constant that broadcasts against an NHWC value, rearranged to broadcast the same way against its NCHW transpose. */
function toNchw(v: NDArray): NDArray {
  if (v.shape.length > 4) throw new ValueError(`cannot transpose a rank-${v.shape.length} constant to NCHW`);
  const s = [...Array(4 - v.shape.length).fill(1), ...v.shape];
  const [n, h, w, c] = s;
  const out = new (v.data.constructor as Float32ArrayConstructor)(v.size);
  for (let a = 0; a < n; a++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    out[((a * c + k) * h + y) * w + x] = v.data[((a * h + y) * w + x) * c + k] as number;
  }
  return new NDArray(out, [n, c, h, w], v.dtype);
}

function valueInfo(name: string, t: Tensor, batchDim: string): ValueInfoProto {
  const shape = t.shape === null ? undefined : create(TensorShapeProtoSchema, {
    dim: t.shape.map((d, i) => create(TensorShapeProto_DimensionSchema, {
      value: d !== null ? { case: 'dimValue', value: BigInt(d) } : i === 0 ? { case: 'dimParam', value: batchDim } : { case: undefined },
    })),
  });
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: create(TypeProto_TensorSchema, { elemType: onnxType(t.dtype, t.name), shape }) } }),
  });
}
