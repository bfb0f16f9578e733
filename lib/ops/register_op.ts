import { opRegistry, OpDef, TensorSpec, Attrs } from '../registry/op_registry';
import { ATTR_TYPES, ArgSpec, AttrSpec, OpSchema, StaticShape } from '../registry/op_def';
import { canonicalAttrSpec, outputDTypes } from '../registry/attr_binding';
import { kernelRegistry } from '../registry/kernel_registry';
import { gradientRegistry, GradientFunction } from '../registry/gradient_registry';
import { ValueError } from '../framework/errors';
import { DType } from '../framework/dtypes';
import { makeOp } from './op_builder';
import type { TensorLike } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import type { OnnxOpMapping } from '../onnx/mapping_types';

export type { ArgSpec, AttrSpec, AttrType } from '../registry/op_def';

/** What a shape function returns for one output: its static shape (and, optionally, the dtype it expects). */
export interface OutputSpec { shape: StaticShape; dtype?: DType }

/**
 * Everything about one op type in one object, as TensorFlow's REGISTER_OP states it:
 * named inputs and outputs, typed attrs, the shape function and the gradient. Kernels
 * are not part of an op's definition: each backend registers its own
 * (kernelRegistry().register(type, backend, kernel)); a custom op may bring its
 * kernels along in `kernels`, by backend name.
 */
export interface OpSpec {
  /** The op type, as TensorFlow names it ('MatMul'). */
  name: string;
  /** OpDef.input_arg: `{name: 'a', type_attr: 'T'}`, `{name: 'values', number_attr: 'N', type_attr: 'T'}`, ... */
  inputs: ArgSpec[];
  /** OpDef.output_arg. */
  outputs: ArgSpec[];
  /** OpDef.attr, TensorFlow's names and defaults: `{T: {type: 'type', allowed_values: ['float32']}, transpose_a: {type: 'bool', default: false}}`. */
  attrs?: Record<string, AttrSpec>;
  /** Ops with effects or randomness (not folded, not deduplicated). */
  is_stateful?: boolean;
  /**
   * Static output shapes from the inputs' specs (dtype, shape, and value where the
   * graph knows it) and the op's complete attrs. Throws ValueError naming the op when
   * the inputs cannot fit, so a bad graph fails while it is built.
   */
  shape(inputs: TensorSpec[], attrs: Attrs, opName: string): OutputSpec | OutputSpec[];
  /** Kernels by backend name ('cpu': CpuKernel, 'gpu': GpuKernel from kernels/gpu/types.ts). */
  kernels?: Record<string, unknown>;
  /** The gradient; null declares the op not differentiable; absent leaves it to RegisterGradient. */
  gradient?: GradientFunction | null;
  /** How tf.onnx.export writes the op: ONNX nodes computing its outputs (docs/custom-ops.md); without it, exporting it is an error. */
  onnx?: OnnxOpMapping;
}

/** The ONNX mappings registered ops brought in their spec, by op type. */
const onnxMappings = new Map<string, OnnxOpMapping>();

/** The ONNX mapping an op's spec gave (tf.onnx.export reads it), if any. */
export function specOnnxMapping(type: string): OnnxOpMapping | undefined { return onnxMappings.get(type); }

export type OpFunction = (inputs: TensorLike[], attrs?: Attrs, name?: string) => Operation;

/** Registers an op type and returns a function that adds it to the graph. */
export function register_op(spec: OpSpec): OpFunction {
  validateSpec(spec);
  const where = `register_op('${spec.name}')`;
  const schema: OpSchema = {
    type: spec.name,
    inputs: Object.freeze(spec.inputs.map((a) => Object.freeze({ ...a }))),
    outputs: Object.freeze(spec.outputs.map((a) => Object.freeze({ ...a }))),
    attrs: Object.freeze(Object.fromEntries(Object.entries(spec.attrs ?? {}).map(([k, a]) => [k, canonicalAttrSpec(a, k, where)]))),
    is_stateful: !!spec.is_stateful,
  };
  const def: OpDef = {
    ...schema,
    stateful: schema.is_stateful,
    refInputs: spec.inputs.flatMap((a, i) => (a.is_ref ? [i] : [])),
    inferOutputs: (inputs, attrs, opName) => completeOutputs(spec, schema, spec.shape(inputs, attrs, opName), attrs, opName),
  };
  const kernels = Object.entries(spec.kernels ?? {});
  // All or nothing: check every registry first, so a refused registration leaves no trace.
  opRegistry().assertFree(spec.name);
  for (const [backend] of kernels) kernelRegistry().assertFree(spec.name, backend);
  if (spec.gradient !== undefined) gradientRegistry().assertFree(spec.name);
  opRegistry().register(def);
  for (const [backend, kernel] of kernels) kernelRegistry().register(spec.name, backend, kernel);
  if (spec.gradient !== undefined) gradientRegistry().register(spec.name, spec.gradient);
  if (spec.onnx !== undefined) onnxMappings.set(spec.name, spec.onnx);
  return (inputs, attrs = {}, name) => makeOp(spec.name, inputs, attrs, name);
}

/** The shape function's result with each output's dtype from the schema; a disagreement is a bug in the op's definition. */
function completeOutputs(spec: OpSpec, schema: OpSchema, result: OutputSpec | OutputSpec[], attrs: Attrs, opName: string): TensorSpec[] {
  const shapes = Array.isArray(result) ? result : [result];
  const dtypes = outputDTypes(schema, attrs);
  if (shapes.length !== dtypes.length) {
    throw new Error(`Op definition '${spec.name}': the shape function of '${opName}' gave ${shapes.length} outputs, the schema ${dtypes.length}`);
  }
  return shapes.map((s, i) => {
    if (s.dtype !== undefined && s.dtype !== dtypes[i]) {
      throw new Error(`Op definition '${spec.name}': output ${i} of '${opName}' is ${s.dtype} by its shape function, ${dtypes[i]} by its schema`);
    }
    return { dtype: dtypes[i], shape: s.shape };
  });
}

function validateSpec(spec: OpSpec): void {
  if (!spec || typeof spec !== 'object') throw new ValueError('register_op needs a spec object');
  const where = `register_op('${spec.name}')`;
  if (typeof spec.name !== 'string' || !/^[A-Z][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new ValueError(`register_op: op name ${JSON.stringify(spec.name)} must be a CamelCase identifier such as 'MySwish'`);
  }
  if (typeof spec.shape !== 'function') throw new ValueError(`${where}: 'shape' (the shape function) must be a function`);
  const attrs = spec.attrs ?? {};
  if (typeof attrs !== 'object' || attrs === null) throw new ValueError(`${where}: 'attrs' must be an object of {type, default?}`);
  for (const [k, a] of Object.entries(attrs)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(k)) throw new ValueError(`${where}: attr name '${k}' must be an identifier`);
    if (!a || !ATTR_TYPES.includes(a.type)) {
      throw new ValueError(`${where}: attr '${k}' needs a type among ${ATTR_TYPES.join(', ')}` +
        ((a as { type?: string })?.type === 'dtype' ? " (a dtype attr is of type 'type', as in TensorFlow's OpDef)" : ''));
    }
  }
  for (const [kind, args] of [['inputs', spec.inputs], ['outputs', spec.outputs]] as const) {
    if (!Array.isArray(args)) throw new ValueError(`${where}: '${kind}' must be a list of {name, type | type_attr | type_list_attr}`);
    const seen = new Set<string>();
    for (const arg of args) checkArg(arg, attrs, `${where}: ${kind.slice(0, -1)} '${arg?.name}'`, seen);
  }
  if (spec.kernels !== undefined) {
    for (const [backend, k] of Object.entries(spec.kernels)) {
      if (typeof k !== 'function') throw new ValueError(`${where}: kernels.${backend} must be a kernel function`);
    }
  }
  if (spec.onnx !== undefined && typeof spec.onnx !== 'function') throw new ValueError(`${where}: 'onnx' must be a function (ctx) => outputs`);
  if (spec.gradient !== undefined && spec.gradient !== null && typeof spec.gradient !== 'function') {
    throw new ValueError(`${where}: 'gradient' must be a function or null`);
  }
}

function checkArg(arg: ArgSpec, attrs: Record<string, AttrSpec>, where: string, seen: Set<string>): void {
  if (!arg || typeof arg.name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(arg.name)) {
    throw new ValueError(`${where}: arguments need a snake_case name`);
  }
  if (seen.has(arg.name)) throw new ValueError(`${where}: duplicate argument name`);
  seen.add(arg.name);
  const sources = [arg.type, arg.type_attr, arg.type_list_attr].filter((x) => x !== undefined).length;
  if (sources !== 1) throw new ValueError(`${where}: needs exactly one of type, type_attr or type_list_attr`);
  const needs = (attr: string | undefined, type: string) => {
    if (attr !== undefined && attrs[attr]?.type !== type) throw new ValueError(`${where}: names attr '${attr}', which must be declared with type '${type}'`);
  };
  needs(arg.type_attr, 'type');
  needs(arg.number_attr, 'int');
  needs(arg.type_list_attr, 'list(type)');
}
