import { opRegistry, OpDef, TensorSpec, Attrs } from '../registry/op_registry';
import { kernelRegistry, CpuKernel } from '../registry/kernel_registry';
import { gradientRegistry, GradientFunction } from '../registry/gradient_registry';
import { ValueError } from '../framework/errors';
import { makeOp } from './op_builder';
import type { TensorLike } from '../framework/tensor';
import type { Operation } from '../framework/operation';

/**
 * Everything about one op type in one object: its arity, shape inference, kernels
 * and gradient. Built-in ops and users' custom ops are declared the same way.
 */
export interface OpSpec {
  /** The op type, as TF1 names it ('MatMul'). */
  name: string;
  /** Exact input count, or [min, max] for list inputs. */
  inputs?: number | [number, number];
  refInputs?: number[];
  stateful?: boolean;
  /** Output dtypes and static shapes from the inputs' (throw ValueError when they cannot fit). */
  outputs(inputs: TensorSpec[], attrs: Attrs, opName: string): TensorSpec | TensorSpec[];
  cpu: CpuKernel;
  /** A gpu.js kernel, in the form kernels/gpu expects (see docs/custom-ops.md). */
  gpu?: unknown;
  /** The gradient; null declares the op not differentiable; absent leaves it to RegisterGradient. */
  gradient?: GradientFunction | null;
}

export type OpFunction = (inputs: TensorLike[], attrs?: Attrs, name?: string) => Operation;

/** Registers an op type and returns a function that adds it to the graph. */
export function register_op(spec: OpSpec): OpFunction {
  validateSpec(spec);
  const def: OpDef = {
    type: spec.name,
    numInputs: spec.inputs,
    refInputs: spec.refInputs,
    stateful: spec.stateful,
    inferOutputs: (inputs, attrs, opName) => {
      const out = spec.outputs(inputs, attrs, opName);
      return Array.isArray(out) ? out : [out];
    },
  };
  opRegistry().register(def);
  kernelRegistry().register(spec.name, 'cpu', spec.cpu);
  if (spec.gpu !== undefined) kernelRegistry().register(spec.name, 'gpu', spec.gpu);
  if (spec.gradient !== undefined) gradientRegistry().register(spec.name, spec.gradient);
  return (inputs, attrs = {}, name) => makeOp(spec.name, inputs, attrs, name);
}

function validateSpec(spec: OpSpec): void {
  if (!spec || typeof spec !== 'object') throw new ValueError('register_op needs a spec object');
  if (typeof spec.name !== 'string' || !/^[A-Z][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new ValueError(`register_op: op name ${JSON.stringify(spec.name)} must be a CamelCase identifier such as 'MySwish'`);
  }
  if (typeof spec.outputs !== 'function') throw new ValueError(`register_op('${spec.name}'): 'outputs' (shape inference) must be a function`);
  if (typeof spec.cpu !== 'function') throw new ValueError(`register_op('${spec.name}'): a CPU kernel ('cpu') is required`);
  if (spec.inputs !== undefined) {
    const ok = typeof spec.inputs === 'number' ? Number.isInteger(spec.inputs) && spec.inputs >= 0
      : Array.isArray(spec.inputs) && spec.inputs.length === 2 && spec.inputs[0] <= spec.inputs[1];
    if (!ok) throw new ValueError(`register_op('${spec.name}'): 'inputs' must be a count or a [min, max] range`);
  }
  if (spec.gradient !== undefined && spec.gradient !== null && typeof spec.gradient !== 'function') {
    throw new ValueError(`register_op('${spec.name}'): 'gradient' must be a function or null`);
  }
}
