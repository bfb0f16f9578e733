import * as fs from 'fs';
import * as path from 'path';
import { DataType } from '../../lib/proto/tensorflow/core/framework/types_pb';
import type { GraphDef } from '../../lib/proto/tensorflow/core/framework/graph_pb';
import type { NodeDef } from '../../lib/proto/tensorflow/core/framework/node_def_pb';

/* Checks NodeDefs against the TF OpDef facts in spec/fixtures/tf_op_defs/op_defs.json (see its README). */

interface OpFacts { inputs: string[]; required: string[]; types: Record<string, string | string[] | null> }
interface Fixture { type_sets: Record<string, string[]>; ops: Record<string, OpFacts> }

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export const TF_OP_DEFS: Fixture = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'spec', 'fixtures', 'tf_op_defs', 'op_defs.json'), 'utf8'));

/** Every way a node differs from its op's OpDef facts, as readable lines (empty: all conform). */
export function opDefProblems(graphDef: GraphDef): string[] {
  return graphDef.node.flatMap((n) => nodeProblems(n));
}

function nodeProblems(n: NodeDef): string[] {
  const facts = TF_OP_DEFS.ops[n.op];
  const at = `node '${n.name}' (${n.op})`;
  if (!facts) return [`${at}: op type not in TF's OpDefs fixture`];
  const out: string[] = [];
  for (const attr of facts.required) if (!(attr in n.attr)) out.push(`${at}: required attr '${attr}' missing`);
  let expected = 0;
  for (const arg of facts.inputs) {
    const m = /^\w+:(\w+)\*$/.exec(arg);
    if (!m) { expected += 1; continue; }
    const v = n.attr[m[1]]?.value;
    expected += v?.case === 'i' ? Number(v.value) : v?.case === 'list' ? v.value.type.length : NaN;
  }
  const data = n.input.filter((i) => !i.startsWith('^')).length;
  if (data !== expected) out.push(`${at}: ${data} inputs, its OpDef takes ${expected}`);
  for (const [attr, allowed] of Object.entries(facts.types)) {
    const v = n.attr[attr]?.value;
    if (!v || allowed === null) continue;
    const list = typeof allowed === 'string' ? TF_OP_DEFS.type_sets[allowed] : allowed;
    if (v.case !== 'type') { out.push(`${at}: attr '${attr}' is not a type`); continue; }
    const name = DataType[v.value];
    if (!list.includes(name)) out.push(`${at}: attr '${attr}' = ${name} not among ${list.join(', ')}`);
  }
  return out;
}
