import { create } from '@bufbuild/protobuf';
import {
  AttributeProto, AttributeProtoSchema, AttributeProto_AttributeType as AttrType, NodeProto, NodeProtoSchema, TensorProto,
} from '../proto/onnx/onnx_pb';
import { NDArray } from '../framework/ndarray';
import type { DType } from '../framework/dtypes';
import type { OnnxAttr } from './mapping_types';
import { tensorProto } from './onnx_tensor';

/** The ONNX graph being written: nodes in topological order, initializers, and unique value names. */
export class OnnxGraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly taken = new Set<string>();

  /** A value or node name not used yet: base, else base_1, base_2, ... (TF's scheme). */
  uniqueName(base: string): string {
    let name = base;
    for (let k = 1; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }

  /** Claims a name exactly (graph inputs and outputs); false when it is taken. */
  claim(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  /** Adds a node with `outputs` outputs (a count: named after the node; a list: claimed names). */
  node(opType: string, inputs: string[], attrs: Record<string, OnnxAttr>, nameBase: string, outputs: number | string[] = 1, domain = ''): string[] {
    const name = this.uniqueName(nameBase);
    const outs = typeof outputs !== 'number' ? outputs
      : Array.from({ length: outputs }, (_, k) => outputs === 1 ? name : this.uniqueName(`${name}:${k}`));
    this.nodes.push(create(NodeProtoSchema, {
      name, opType, domain, input: inputs, output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    }));
    return outs;
  }

  constant(value: NDArray, nameBase: string): string {
    const name = this.uniqueName(nameBase);
    this.initializers.push(tensorProto(name, value));
    return name;
  }
}

/** A number or list becomes an NDArray of dtype. */
export function asArray(value: NDArray | number | number[], dtype: DType): NDArray {
  if (value instanceof NDArray) return value;
  const values = typeof value === 'number' ? [value] : value;
  const data = dtype === 'int64' || dtype === 'float64' ? Float64Array.from(values)
    : dtype === 'int32' ? Int32Array.from(values) : dtype === 'uint8' || dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
  return new NDArray(data, typeof value === 'number' ? [] : [values.length], dtype);
}

function attribute(name: string, v: OnnxAttr): AttributeProto {
  if (typeof v === 'number') return create(AttributeProtoSchema, { name, type: AttrType.INT, i: BigInt(v) });
  if (typeof v === 'string') return create(AttributeProtoSchema, { name, type: AttrType.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return create(AttributeProtoSchema, { name, type: AttrType.INTS, ints: v.map((x) => BigInt(x)) });
  if ('f' in v) return create(AttributeProtoSchema, { name, type: AttrType.FLOAT, f: v.f });
  if ('floats' in v) return create(AttributeProtoSchema, { name, type: AttrType.FLOATS, floats: v.floats });
  return create(AttributeProtoSchema, { name, type: AttrType.TENSOR, t: tensorProto('', v.t) });
}
