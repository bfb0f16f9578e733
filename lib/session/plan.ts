import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { opRegistry } from '../registry/op_registry';
import { InvalidArgumentError } from '../framework/errors';
import type { FetchLeaf } from './fetches';

/** One op to execute: where its inputs come from and where its outputs go. */
export interface PlanStep {
  readonly op: Operation;
  /** Slot of each input value; -1 for ref inputs, which see a variable instead. */
  readonly inputSlots: number[];
  /** For ref inputs: the variable's name, by input index. */
  readonly refNames: (string | null)[];
  readonly outputSlots: number[];
  /** Slots whose last reader is this step: their values can be dropped after it. */
  readonly release: number[];
}

/**
 * A compiled run: the ops the fetches need (and no others) in dependency order,
 * with every value given a slot. Plain data; executors walk it.
 */
export interface Plan {
  readonly steps: PlanStep[];
  readonly feedSlots: { tensor: Tensor; slot: number }[];
  /** Slot of each fetched tensor, -1 for fetched operations. */
  readonly fetchSlots: number[];
  readonly numSlots: number;
}

export function compilePlan(fetches: FetchLeaf[], fed: Iterable<Tensor>): Plan {
  const fedSet = new Set(fed);
  const needed = new Set<Operation>();
  const stack: Operation[] = [];
  const visitTensor = (t: Tensor) => { if (!fedSet.has(t)) visitOp(t.op); };
  // TF1 moves a fed Placeholder's control edges onto the feed, so a control dependency on it
  // does not run its kernel (which would ask for the feed); other fed ops still run.
  const isFedPlaceholder = (op: Operation) =>
    op.type === 'Placeholder' && op.outputs.every((t) => fedSet.has(t));
  const visitOp = (op: Operation) => { if (!needed.has(op)) { needed.add(op); stack.push(op); } };
  for (const f of fetches) {
    if (f instanceof Tensor) visitTensor(f); else visitOp(f);
  }
  while (stack.length) {
    const op = stack.pop()!;
    const refs = opRegistry().get(op.type).refInputs ?? [];
    op.inputs.forEach((t, i) => { if (!refs.includes(i)) visitTensor(t); });
    op.control_inputs.forEach((c) => { if (!isFedPlaceholder(c)) visitOp(c); });
  }
  // Creation order is a topological order: an op's inputs exist before it does.
  const ordered = [...needed].sort((a, b) => a.id - b.id);

  const slotOf = new Map<Tensor, number>();
  let numSlots = 0;
  const feedSlots: { tensor: Tensor; slot: number }[] = [];
  for (const t of fedSet) { slotOf.set(t, numSlots); feedSlots.push({ tensor: t, slot: numSlots++ }); }
  const steps: PlanStep[] = ordered.map((op) => {
    const refs = opRegistry().get(op.type).refInputs ?? [];
    const refNames = op.inputs.map((t, i) => (refs.includes(i) ? refVariableName(op, t) : null));
    const inputSlots = op.inputs.map((t, i) => (refs.includes(i) ? -1 : slotOf.get(t)!));
    const outputSlots = op.outputs.map((t) => {
      if (slotOf.has(t)) return -1; // fed: the feed's value stands in for this output
      slotOf.set(t, numSlots);
      return numSlots++;
    });
    return { op, inputSlots, refNames, outputSlots, release: [] };
  });

  const fetchSlots = fetches.map((f) => (f instanceof Tensor ? slotOf.get(f)! : -1));
  const kept = new Set(fetchSlots);
  const lastUse = new Map<number, number>();
  steps.forEach((s, i) => s.inputSlots.forEach((slot) => { if (slot >= 0) lastUse.set(slot, i); }));
  for (const [slot, i] of lastUse) if (!kept.has(slot)) steps[i].release.push(slot);
  // An output nothing reads (a second output the fetches do not need) dies at once.
  steps.forEach((s, i) => s.outputSlots.forEach((slot) => {
    if (slot >= 0 && !lastUse.has(slot) && !kept.has(slot)) steps[i].release.push(slot);
  }));
  return { steps, feedSlots, fetchSlots, numSlots };
}

function refVariableName(op: Operation, t: Tensor): string {
  let src = t;
  // A ref may reach the op through Identity (TF1 users pass Variable/read by mistake): follow it.
  while (src.op.type === 'Identity') src = src.op.inputs[0];
  if (src.op.type !== 'VariableV2') {
    throw new InvalidArgumentError(`Input ${op.inputs.indexOf(t)} of '${op.name}' (${op.type}) must be a variable, ` +
      `got '${t.name}' from a ${t.op.type} op`, op.name);
  }
  return src.op.name;
}
