import { opRegistry, OpDef, TensorSpec, Attrs } from '../registry/op_registry';
import { kernelRegistry, CpuKernel } from '../registry/kernel_registry';
import { gradientRegistry, GradientFunction } from '../registry/gradient_registry';
import { ValueError } from '../framework/errors';
import { DType } from '../framework/dtypes';
import { makeOp } from './op_builder';
import type { TensorLike } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import type { GpuKernel } from '../../kernels/gpu/types';

/** A declared input of a custom op: its name and the dtypes it accepts. */
export interface InputSpec { name: string; dtype?: DType | DType[] }

export type AttrType = 'int' | 'float' | 'bool' | 'string' | 'dtype' | 'shape' | 'list(int)' | 'list(float)';
/** A declared attribute: its type and, when optional, its default. */
export interface AttrSpec { type: AttrType; default?: unknown }

/**
 * Everything about one op type in one object: its inputs, attributes, shape
 * inference, kernels and gradient. Built-in ops and users' custom ops are
 * declared the same way and go through the same registries.
 */
export interface OpSpec {
  /** The op type, as TF1 names it ('MatMul'). */
  name: string;
  /** Exact input count, [min, max] for list inputs, or named inputs with accepted dtypes. */
  inputs?: number | [number, number] | InputSpec[];
  /** Declared attributes: checked and defaulted when the op is built. */
  attrs?: Record<string, AttrSpec>;
  refInputs?: number[];
  stateful?: boolean;
  /** Output dtypes and static shapes from the inputs' (throw ValueError when they cannot fit). */
  outputs(inputs: TensorSpec[], attrs: Attrs, opName: string): TensorSpec | TensorSpec[];
  cpu: CpuKernel;
  /** A gpu.js kernel (kernels/gpu/types.ts; docs/custom-ops.md and docs/gpu-backend.md). */
  gpu?: GpuKernel;
  /** The gradient; null declares the op not differentiable; absent leaves it to RegisterGradient. */
  gradient?: GradientFunction | null;
}

export type OpFunction = (inputs: TensorLike[], attrs?: Attrs, name?: string) => Operation;

/** Registers an op type and returns a function that adds it to the graph. */
export function register_op(spec: OpSpec): OpFunction {
  validateSpec(spec);
  const declared = Array.isArray(spec.inputs) && typeof spec.inputs[0] === 'object' ? spec.inputs as InputSpec[] : null;
  const def: OpDef = {
    type: spec.name,
    numInputs: declared ? declared.length : Array.isArray(spec.inputs) && spec.inputs.length === 0 ? 0 : (spec.inputs as OpDef['numInputs']),
    refInputs: spec.refInputs,
    stateful: spec.stateful,
    inferOutputs: (inputs, attrs, opName) => {
      if (declared) checkInputDTypes(spec.name, opName, declared, inputs);
      if (spec.attrs) checkAttrs(spec.name, opName, spec.attrs, attrs);
      const out = spec.outputs(inputs, attrs, opName);
      return Array.isArray(out) ? out : [out];
    },
  };
  // All or nothing: check every registry first, so a refused registration leaves no trace.
  opRegistry().assertFree(spec.name);
  kernelRegistry().assertFree(spec.name, 'cpu');
  if (spec.gpu !== undefined) kernelRegistry().assertFree(spec.name, 'gpu');
  if (spec.gradient !== undefined) gradientRegistry().assertFree(spec.name);
  opRegistry().register(def);
  kernelRegistry().register(spec.name, 'cpu', spec.cpu);
  if (spec.gpu !== undefined) kernelRegistry().register(spec.name, 'gpu', spec.gpu);
  if (spec.gradient !== undefined) gradientRegistry().register(spec.name, spec.gradient);
  return (inputs, attrs = {}, name) => makeOp(spec.name, inputs, withDefaults(spec, attrs), name);
}

function withDefaults(spec: OpSpec, attrs: Attrs): Attrs {
  if (!spec.attrs) return attrs;
  const out: Attrs = { ...attrs };
  for (const [k, a] of Object.entries(spec.attrs)) if (!(k in out) && a.default !== undefined) out[k] = a.default;
  return out;
}

function checkInputDTypes(type: string, opName: string, declared: InputSpec[], inputs: TensorSpec[]): void {
  declared.forEach((d, i) => {
    if (!d.dtype) return;
    const ok = Array.isArray(d.dtype) ? d.dtype : [d.dtype];
    if (!ok.includes(inputs[i].dtype)) {
      throw new ValueError(`Input '${d.name}' of '${opName}' (op: '${type}') has dtype ${inputs[i].dtype}, expected ${ok.join(' or ')}`);
    }
  });
}

const ATTR_CHECKS: Record<AttrType, (v: unknown) => boolean> = {
  int: (v) => Number.isInteger(v),
  float: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  dtype: (v) => typeof v === 'string',
  shape: (v) => v === null || (Array.isArray(v) && v.every((d) => d === null || Number.isInteger(d))),
  'list(int)': (v) => Array.isArray(v) && v.every((d) => Number.isInteger(d)),
  'list(float)': (v) => Array.isArray(v) && v.every((d) => typeof d === 'number'),
};

function checkAttrs(type: string, opName: string, specs: Record<string, AttrSpec>, attrs: Attrs): void {
  for (const [k, a] of Object.entries(specs)) {
    if (!(k in attrs)) {
      if (a.default === undefined) throw new ValueError(`Op '${opName}' (op: '${type}') is missing required attr '${k}' of type ${a.type}`);
      continue;
    }
    if (!ATTR_CHECKS[a.type](attrs[k])) {
      throw new ValueError(`Attr '${k}' of '${opName}' (op: '${type}') must be of type ${a.type}; got ${JSON.stringify(attrs[k])}`);
    }
  }
  for (const k of Object.keys(attrs)) {
    if (!(k in specs)) throw new ValueError(`Op '${opName}' (op: '${type}') has no attr named '${k}'; declared: ${Object.keys(specs).join(', ') || 'none'}`);
  }
}

function validateSpec(spec: OpSpec): void {
  if (!spec || typeof spec !== 'object') throw new ValueError('register_op needs a spec object');
  if (typeof spec.name !== 'string' || !/^[A-Z][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new ValueError(`register_op: op name ${JSON.stringify(spec.name)} must be a CamelCase identifier such as 'MySwish'`);
  }
  if (typeof spec.outputs !== 'function') throw new ValueError(`register_op('${spec.name}'): 'outputs' (shape inference) must be a function`);
  if (typeof spec.cpu !== 'function') throw new ValueError(`register_op('${spec.name}'): a CPU kernel ('cpu') is required`);
  if (spec.inputs !== undefined) {
    const i = spec.inputs;
    const ok = typeof i === 'number' ? Number.isInteger(i) && i >= 0
      : Array.isArray(i) && i.length === 2 && typeof i[0] === 'number' ? i[0] <= (i[1] as number)
      : Array.isArray(i) && (i as unknown[]).every((x) => typeof x === 'object' && x !== null && typeof (x as InputSpec).name === 'string');
    if (!ok) throw new ValueError(`register_op('${spec.name}'): 'inputs' must be a count, a [min, max] range or a list of {name, dtype}`);
  }
  if (spec.attrs !== undefined) {
    for (const [k, a] of Object.entries(spec.attrs)) {
      if (!a || !(a.type in ATTR_CHECKS)) throw new ValueError(`register_op('${spec.name}'): attr '${k}' needs a type among ${Object.keys(ATTR_CHECKS).join(', ')}`);
    }
  }
  if (spec.gradient !== undefined && spec.gradient !== null && typeof spec.gradient !== 'function') {
    throw new ValueError(`register_op('${spec.name}'): 'gradient' must be a function or null`);
  }
}
