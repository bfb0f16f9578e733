import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataLossError, NotFoundError } from '../lib/framework/errors';
import { readMetaGraphDefProto, readSavedModelProto } from '../lib/saved_model/tf_bundle/proto_files';
import { fromBinary } from '@bufbuild/protobuf';
import { AssetFileDefSchema } from '../lib/proto/tensorflow/core/protobuf/meta_graph_pb';
import { DataType } from '../lib/proto/tensorflow/core/framework/types_pb';
import { SaverDef_CheckpointFormatVersion } from '../lib/proto/tensorflow/core/protobuf/saver_pb';
import { tfModel } from './helpers/tf_models';

const savedModel = (model: string) => tfModel(model, '00000123', 'saved_model.pb');
const opTypes = (nodes: Array<{ op: string }>) => [...new Set(nodes.map((n) => n.op))].sort();
const tensorNames = (m: Record<string, { encoding: { case?: string; value?: unknown } }>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.encoding.value]));

describe('TensorFlow protobufs (our .proto subset, generated with protoc-gen-es)', () => {
  it('decodes half_plus_two\'s saved_model.pb (TF 1.14): tags, ops, signatures, saver_def, assets', () => {
    const model = readSavedModelProto(savedModel('saved_model_half_plus_two_cpu'));
    expect(model.metaGraphs).to.have.length(1);
    const mg = model.metaGraphs[0];
    expect(mg.metaInfoDef!.tags).to.deep.equal(['serve']);
    expect(opTypes(mg.graphDef!.node)).to.deep.equal(['Add', 'Assign', 'Const', 'Identity', 'MergeV2Checkpoints', 'Mul', 'NoOp',
      'Pack', 'ParseExample', 'Placeholder', 'PlaceholderWithDefault', 'Reshape', 'RestoreV2', 'SaveV2', 'ShardedFilename',
      'StringJoin', 'VariableV2']);
    expect(Object.keys(mg.signatureDef).sort()).to.deep.equal(['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default']);
    const predict = mg.signatureDef.serving_default;
    expect(predict.methodName).to.equal('tensorflow/serving/predict');
    expect(tensorNames(predict.inputs)).to.deep.equal({ x: 'x:0' });
    expect(tensorNames(predict.outputs)).to.deep.equal({ y: 'y:0' });
    expect(predict.inputs.x.dtype).to.equal(DataType.DT_FLOAT);
    expect(tensorNames(mg.signatureDef.classify_x_to_y.inputs)).to.deep.equal({ inputs: 'tf_example:0' });
    expect(mg.signatureDef.classify_x_to_y.methodName).to.equal('tensorflow/serving/classify');
    expect(mg.saverDef).to.include({ filenameTensorName: 'save/Const:0', restoreOpName: 'save/restore_all', sharded: true });
    expect(mg.saverDef!.version).to.equal(SaverDef_CheckpointFormatVersion.V2);
    // TF 1.x keeps the asset list in the saved_model_assets collection, as Any-wrapped AssetFileDefs.
    const assets = mg.collectionDef.saved_model_assets.kind;
    expect(assets.case).to.equal('anyList');
    const anys = (assets.value as { value: Array<{ typeUrl: string; value: Uint8Array }> }).value;
    expect(anys.map((a) => a.typeUrl)).to.deep.equal(['type.googleapis.com/tensorflow.AssetFileDef']);
    const asset = fromBinary(AssetFileDefSchema, anys[0].value);
    expect(asset.filename).to.equal('foo.txt');
    expect(asset.tensorInfo!.encoding.value).to.match(/^Const(_\d+)?:0$/);
    const a = mg.graphDef!.node.find((n) => n.name === 'a')!;
    expect(a.op).to.equal('VariableV2');
    expect(a.attr.dtype.value).to.deep.include({ case: 'type', value: DataType.DT_FLOAT });
  });

  it('decodes half_plus_three (TF 1.0) and counter (TF 1.5) SavedModels', () => {
    const three = readSavedModelProto(savedModel('saved_model_half_plus_three')).metaGraphs[0];
    expect(Object.keys(three.signatureDef).sort()).to.deep.equal(['serving_default', 'tensorflow/serving/regress']);
    expect(tensorNames(three.signatureDef['tensorflow/serving/regress'].outputs)).to.deep.equal({ outputs: 'Identity:0' });
    const counter = readSavedModelProto(savedModel('saved_model_counter')).metaGraphs[0];
    expect(Object.keys(counter.signatureDef).sort()).to.deep.equal(['get_counter', 'incr_counter', 'incr_counter_by', 'reset_counter']);
    expect(tensorNames(counter.signatureDef.incr_counter_by.inputs)).to.deep.equal({ delta: 'delta:0' });
    expect(tensorNames(counter.signatureDef.incr_counter.outputs)).to.deep.equal({ output: 'incr_counter_op/AssignAdd:0' });
    expect(opTypes(counter.graphDef!.node)).to.include.members(['AssignAdd', 'VariableV2', 'RestoreV2']);
  });

  it('decodes the MNIST checkpoint\'s model.ckpt.meta (TF 1.3)', () => {
    const mg = readMetaGraphDefProto(tfModel('mnist_softmax_checkpoint_tf1.3', 'model.ckpt.meta'));
    expect(mg.metaInfoDef!.tensorflowVersion).to.equal('1.3.0');
    expect(opTypes(mg.graphDef!.node)).to.include.members(['Placeholder', 'VariableV2', 'MatMul', 'Softmax', 'ApplyGradientDescent', 'SaveV2', 'RestoreV2']);
    expect(Object.keys(mg.collectionDef).sort()).to.deep.equal(['train_op', 'trainable_variables', 'variables']);
    expect(mg.collectionDef.variables.kind.case).to.equal('bytesList');
    expect(mg.saverDef).to.include({ saveTensorName: 'save/control_dependency:0', sharded: false });
    const x = mg.graphDef!.node.find((n) => n.op === 'Placeholder')!;
    const shape = x.attr.shape.value;
    expect(shape.case).to.equal('shape');
    expect((shape.value as { dim: Array<{ size: bigint }> }).dim.map((d) => Number(d.size))).to.deep.equal([-1, 784]);
  });

  it('a malformed or truncated file is a DataLossError naming it; a missing one a NotFoundError', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf_proto-'));
    const bytes = fs.readFileSync(savedModel('saved_model_half_plus_two_cpu'));
    const truncated = path.join(dir, 'saved_model.pb');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 7));
    expect(() => readSavedModelProto(truncated)).to.throw(DataLossError, `${truncated}: cannot parse tensorflow.SavedModel`);
    const garbage = path.join(dir, 'model.ckpt.meta');
    fs.writeFileSync(garbage, Uint8Array.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(() => readMetaGraphDefProto(garbage)).to.throw(DataLossError, `${garbage}: cannot parse tensorflow.MetaGraphDef`);
    expect(() => readSavedModelProto(path.join(dir, 'nope.pb'))).to.throw(NotFoundError, /SavedModel file does not exist at/);
  });
});
