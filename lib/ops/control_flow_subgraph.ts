/*
 * Sub-graphs of control-flow ops (cond branches, while loops' cond and body): built in
 * the same Graph by calling the user's function, and run by the op's kernel through the
 * session's planner. Outer tensors a sub-graph reads become the op's explicit inputs
 * (captures), so the outer plan computes them and the sub-plan is fed them.
 */
import type { Graph } from '../framework/graph';
import type { Operation } from '../framework/operation';
import type { Tensor } from '../framework/tensor';
import type { SubgraphFunc } from '../registry/kernel_registry';
import { opRegistry } from '../registry/op_registry';

export class FuncGraph implements SubgraphFunc {
  readonly captures: Tensor[] = [];
  outputs: Tensor[] = [];
  keepIterations = false;

  constructor(readonly name: string, readonly parent: FuncGraph | null, readonly placeholders: readonly Tensor[]) {}

  /** What the kernel feeds: the placeholders, then the captured outer values. */
  get inputs(): Tensor[] { return [...this.placeholders, ...this.captures]; }
}

/** The sub-graph an op was built in; ops of the outer graph have none. */
const ownerOf = new WeakMap<Operation, FuncGraph>();
const building = new WeakMap<Graph, FuncGraph[]>();

/**
 * A variable made inside a branch or body (tf.layers.dense in a cond) belongs to the outer
 * graph, as TF lifts it out: its storage and its read are then captures, so the value is
 * read where the control-flow op runs and gradients reach the variable through the op.
 */
function isVariableStorage(op: Operation): boolean {
  if (op.type === 'VariableV2') return true;
  return op.type === 'Identity' && op.inputs.length === 1 && op.inputs[0].op.type === 'VariableV2' && op.name.endsWith('/read');
}

export function currentFuncGraph(g: Graph): FuncGraph | null {
  const stack = building.get(g);
  return stack && stack.length ? stack[stack.length - 1] : null;
}

function opAvailableIn(context: FuncGraph | null, op: Operation): boolean {
  const owner = ownerOf.get(op);
  for (let c = context; c; c = c.parent) if (owner === c) return true;
  return owner === undefined;
}

/** Whether `t` has a value where `context` runs: its op is there or in an enclosing graph, or it is fed there. */
function availableIn(context: FuncGraph | null, t: Tensor): boolean {
  const owner = ownerOf.get(t.op);
  for (let c = context; c; c = c.parent) {
    if (owner === c || c.placeholders.includes(t)) return true;
  }
  return owner === undefined;
}

/**
 * Calls `fn` to add a sub-graph's ops to `g` and finds its captures. Ops `fn` creates
 * belong to the new sub-graph. Walking back from the outputs, a tensor available where
 * the control-flow op runs is captured; one from a sub-graph that is not (a forward
 * branch's intermediate, read by the branch's gradient) is recomputed in this one.
 */
export function buildFuncGraph(g: Graph, name: string, placeholders: readonly Tensor[], fn: () => Tensor[],
  extraOps: readonly Operation[] = []): FuncGraph {
  const parent = currentFuncGraph(g);
  const fg = new FuncGraph(name, parent, placeholders);
  for (const p of placeholders) if (!ownerOf.has(p.op)) ownerOf.set(p.op, fg);
  const start = g.version;
  let stack = building.get(g);
  if (!stack) building.set(g, (stack = []));
  stack.push(fg);
  try {
    // The caller's control dependencies go on the control-flow op, not on every op inside.
    fg.outputs = g.control_dependencies(null, fn);
  } finally {
    stack.pop();
    for (const op of g.get_operations().slice(start)) if (!ownerOf.has(op) && !isVariableStorage(op)) ownerOf.set(op, fg);
  }
  const seen = new Set<Operation>();
  const captured = new Set<Tensor>();
  const visitTensor = (t: Tensor) => {
    if (placeholders.includes(t)) return;
    if (availableIn(parent, t)) {
      if (!captured.has(t)) { captured.add(t); fg.captures.push(t); }
      return;
    }
    visitOp(t.op);
  };
  const visitOp = (op: Operation) => {
    if (seen.has(op)) return;
    seen.add(op);
    // Ref inputs name a variable, which the sub-plan reaches through the session's store.
    const refs = opRegistry().get(op.type).refInputs ?? [];
    op.inputs.forEach((t, i) => { if (!refs.includes(i)) visitTensor(t); });
    for (const c of op.control_inputs) if (!opAvailableIn(parent, c)) visitOp(c);
  };
  for (const t of fg.outputs) visitTensor(t);
  for (const op of extraOps) visitOp(op);
  return fg;
}
