import * as fs from 'fs';
import * as path from 'path';
import { toBinary } from '@bufbuild/protobuf';
import { toText } from '@bufbuild/protobuf/txtpb';
import { Graph } from '../../framework/graph';
import { bindArgs } from '../../framework/python_args';
import { GraphDef, GraphDefSchema } from '../../proto/tensorflow/core/framework/graph_pb';
import { writeFileAtomic } from '../atomic_write';

interface WriteGraphArgs { graph_or_graph_def: Graph | GraphDef; logdir: string; name: string; as_text: boolean }

/**
 * TF1's tf.train.write_graph(graph_or_graph_def, logdir, name, as_text=True): writes the
 * GraphDef to logdir/name as protobuf text format (or binary), creating logdir; returns the path.
 */
export function write_graph(...args: unknown[]): string {
  const a = bindArgs<WriteGraphArgs>('write_graph', args, ['graph_or_graph_def', 'logdir', 'name', 'as_text'], { as_text: true }, 3);
  const g = a.graph_or_graph_def as Graph | GraphDef;
  const graphDef = (g as { $typeName?: string }).$typeName === 'tensorflow.GraphDef' ? g as GraphDef : (g as Graph).as_graph_def();
  fs.mkdirSync(a.logdir, { recursive: true });
  const file = path.join(a.logdir, a.name);
  const bytes = a.as_text ? new TextEncoder().encode(toText(GraphDefSchema, graphDef)) : toBinary(GraphDefSchema, graphDef);
  writeFileAtomic(file, bytes);
  return file;
}
