import type { NodeDef } from '../../framework/node_def';

/**
 * The checkpoint key of each variable a TF SaverDef restores, read from its restore
 * subgraph: restore_op_name's control inputs (through NoOps such as save/restore_shard) are
 * Assigns of a variable from RestoreV2 output i, whose tensor_names Const holds key i.
 * Returns key -> variable op name; null when the graph does not have that shape (then the
 * caller keys variables by their op names, TF's default).
 */
export function checkpointKeysFromRestoreOp(nodes: readonly NodeDef[], restoreOpName: string): Record<string, string> | null {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const opOf = (input: string) => input.replace(/^\^/, '').replace(/:\d+$/, '');
  const keys: Record<string, string> = {};
  const pending = [restoreOpName];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const node = byName.get(pending.pop()!);
    if (!node || seen.has(node.name)) continue;
    seen.add(node.name);
    if (node.op === 'NoOp') { pending.push(...node.input.map(opOf)); continue; }
    if (node.op !== 'Assign' || node.input.length < 2) return null;
    const [variable, value] = node.input;
    const restore = byName.get(opOf(value));
    const index = Number(/:(\d+)$/.exec(value)?.[1] ?? 0);
    const namesNode = restore && restore.op === 'RestoreV2' ? byName.get(opOf(restore.input[1])) : undefined;
    const names = namesNode?.op === 'Const' ? namesNode.attr.value?.tensor : undefined;
    if (!names || names.dtype !== 'string' || index >= names.size) return null;
    keys[names.stringAt(index)] = opOf(variable);
  }
  return keys;
}
