import type { NodeDef } from '../../framework/node_def';

/**
 * GraphDef version 22 (TF 1.1) gave Placeholder's `shape` attr its present meaning; before it,
 * TF wrote an empty shape for "unknown" (tf.placeholder without a shape). TF reads such
 * graphs (producer <= 21) that way, and so do we: TF 1.0's SavedModels declare their label
 * placeholders so, with `_output_shapes` [?,10].
 */
const PLACEHOLDER_SHAPE_VERSION = 22;

export function upgradeLegacyNodes(nodes: NodeDef[], producer: number): NodeDef[] {
  if (producer >= PLACEHOLDER_SHAPE_VERSION) return nodes;
  return nodes.map((node) => {
    const shape = node.attr.shape?.shape;
    if ((node.op !== 'Placeholder' && node.op !== 'PlaceholderV2') || !shape || shape.unknown_rank || (shape.dim ?? []).length > 0) return node;
    return { ...node, attr: { ...node.attr, shape: { shape: { unknown_rank: true } } } };
  });
}
