import { NDArray } from '../../framework/ndarray';
import { UnimplementedError } from '../../framework/errors';
import type { AttrValue, NodeDef } from '../../framework/node_def';

/*
 * tensorgraph's own op types have no TensorFlow kernel, so an export rewrites each into the TF
 * ops that compute the same thing. The last node keeps the original name, so its consumers'
 * inputs ('name', 'name:0') stay as they are; the helper nodes live under 'name/'. Each of
 * these ops has one output.
 */

type Lowering = (node: NodeDef, helper: (suffix: string, op: string, input: string[], attr: Record<string, AttrValue>) => string) => NodeDef;

const axisMinusOne = (): AttrValue => ({ tensor: new NDArray(new Int32Array([-1]), [1], 'int32') });
const sumLastAxisKeepDims = (node: NodeDef, helper: Parameters<Lowering>[1], of: string) => {
  const axis = helper('Sum/reduction_indices', 'Const', [], { value: axisMinusOne(), dtype: { type: 'DT_INT32' } });
  return helper('Sum', 'Sum', [of, axis], { T: node.attr.T, Tidx: { type: 'DT_INT32' }, keep_dims: { b: true } });
};

const LOWERINGS: Record<string, Lowering> = {
  // TF's softmax gradient: (grad - sum(grad * softmax, -1, keepdims)) * softmax.
  SoftmaxGrad: (node, helper) => {
    const [softmax, grad] = node.input;
    const product = helper('mul', 'Mul', [grad, softmax], { T: node.attr.T });
    const sub = helper('sub', 'Sub', [grad, sumLastAxisKeepDims(node, helper, product)], { T: node.attr.T });
    return { ...node, op: 'Mul', input: [sub, softmax], attr: { T: node.attr.T } };
  },
  // TF's log-softmax gradient: grad - exp(logsoftmax) * sum(grad, -1, keepdims).
  LogSoftmaxGrad: (node, helper) => {
    const [logSoftmax, grad] = node.input;
    const softmax = helper('Exp', 'Exp', [logSoftmax], { T: node.attr.T });
    const product = helper('mul', 'Mul', [softmax, sumLastAxisKeepDims(node, helper, grad)], { T: node.attr.T });
    return { ...node, op: 'Sub', input: [grad, product], attr: { T: node.attr.T } };
  },
  // TF1's dropout mask: floor(keep_prob + random_uniform(noise_shape)), 1 with probability keep_prob.
  DropoutMask: (node, helper) => {
    const [noiseShape, keepProb] = node.input;
    // seed and seed2 may have been stripped as defaults (0); RandomUniform has the same defaults.
    const seeds = Object.fromEntries(['seed', 'seed2'].filter((k) => k in node.attr).map((k) => [k, node.attr[k]]));
    const uniform = helper('random_uniform', 'RandomUniform', [noiseShape], { ...seeds, dtype: node.attr.dtype, T: node.attr.T });
    const sum = helper('add', 'Add', [keepProb, uniform], { T: node.attr.dtype });
    return { ...node, op: 'Floor', input: [sum], attr: { T: node.attr.dtype } };
  },
};

/** The op types an export rewrites (tensorgraph's own ops, each with a TF equivalent). */
export const LOWERED_OP_TYPES: readonly string[] = Object.keys(LOWERINGS);

/**
 * The nodes with tensorgraph's own ops rewritten into TF ops; any other op type that
 * `isTfOp` refuses (a custom op) is an UnimplementedError naming the op and the node.
 */
export function lowerToTfOps(nodes: NodeDef[], isTfOp: (type: string) => boolean): NodeDef[] {
  const taken = new Set(nodes.map((n) => n.name));
  const out: NodeDef[] = [];
  for (const node of nodes) {
    const lowering = LOWERINGS[node.op];
    if (!lowering) {
      if (!isTfOp(node.op)) {
        throw new UnimplementedError(`Cannot export node '${node.name}': op type '${node.op}' is not a TensorFlow op ` +
          `(a custom op registered with tensorgraph), so TensorFlow could not run the exported graph`);
      }
      out.push(node);
      continue;
    }
    const controls = node.input.filter((i) => i.startsWith('^'));
    const helper = (suffix: string, op: string, input: string[], attr: Record<string, AttrValue>) => {
      let name = `${node.name}/${suffix}`;
      for (let k = 1; taken.has(name); k++) name = `${node.name}/${suffix}_${k}`;
      taken.add(name);
      out.push({ name, op, input: [...input, ...controls], device: node.device, attr });
      return name;
    };
    const data = { ...node, input: node.input.filter((i) => !i.startsWith('^')) };
    const last = lowering(data, helper);
    out.push({ ...last, input: [...last.input, ...controls] });
  }
  return out;
}
