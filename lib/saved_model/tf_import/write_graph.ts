import * as fs from 'fs';
import * as path from 'path';
import { toBinary } from '@bufbuild/protobuf';
import { toText } from '@bufbuild/protobuf/txtpb';
import { Graph } from '../../framework/graph';
import { pyfunc } from '../../framework/python_args';
import { GraphDef, GraphDefSchema } from '../../proto/tensorflow/core/framework/graph_pb';
import { writeFileAtomic } from '../atomic_write';

/**
 * TF1's tf.train.write_graph(graph_or_graph_def, logdir, name, as_text=True): writes the
 * GraphDef to logdir/name as protobuf text format (or binary), creating logdir; returns the path.
 */
export const write_graph = pyfunc('write_graph', ['graph_or_graph_def', 'logdir', 'name', 'as_text'], 3,
  (g: Graph | GraphDef, logdir: string, name: string, as_text?: boolean): string => {
    const graphDef = (g as { $typeName?: string }).$typeName === 'tensorflow.GraphDef' ? g as GraphDef : (g as Graph).as_graph_def();
    fs.mkdirSync(logdir, { recursive: true });
    const file = path.join(logdir, name);
    const text = as_text ?? true;
    writeFileAtomic(file, text ? new TextEncoder().encode(toText(GraphDefSchema, graphDef)) : toBinary(GraphDefSchema, graphDef));
    return file;
  });
