import { expect } from 'chai';
import { main } from '../tools/saved_model_cli';
import { tfAcceptanceModel } from './helpers/tf_acceptance';
import { tfModel } from './helpers/tf_models';

/** Runs the CLI in-process; returns its exit status and what it printed. */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

const SERVING_DEFAULT = `signature_def['serving_default']:
  The given SavedModel SignatureDef contains the following input(s):
    inputs['x'] tensor_info:
        dtype: DT_FLOAT
        shape: (-1, 1)
        name: x:0
  The given SavedModel SignatureDef contains the following output(s):
    outputs['y'] tensor_info:
        dtype: DT_FLOAT
        shape: (-1, 1)
        name: y:0
  Method name is: tensorflow/serving/predict
`;

const CLASSIFY = `signature_def['classify_x_to_y']:
  The given SavedModel SignatureDef contains the following input(s):
    inputs['inputs'] tensor_info:
        dtype: DT_STRING
        shape: unknown_rank
        name: tf_example:0
  The given SavedModel SignatureDef contains the following output(s):
    outputs['scores'] tensor_info:
        dtype: DT_FLOAT
        shape: (-1, 1)
        name: y:0
  Method name is: tensorflow/serving/classify
`;

describe('saved_model_cli on directories Python TensorFlow wrote (saved_model.pb)', function () {
  this.timeout(60000);
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });

  it('show --dir D --all: every SignatureDef of half_plus_two_mkl (TF 1.12) in TF\'s layout', () => {
    const r = cli('show', '--dir', tfAcceptanceModel('half_plus_two_mkl_tf1.12'), '--all');
    expect(r.code, r.err).to.equal(0);
    expect(r.out.startsWith("\nMetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n\nsignature_def['classify_x_to_y']:\n")).to.equal(true);
    expect(r.out).to.include(CLASSIFY);
    expect(r.out.endsWith(SERVING_DEFAULT)).to.equal(true);
    const keys = [...r.out.matchAll(/^signature_def\['([^']+)'\]:$/gm)].map((m) => m[1]);
    expect(keys).to.deep.equal(['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default']);
  });

  it('show: tag-sets, SignatureDef keys and one signature of the TF 1.0 MNIST model', () => {
    const dir = tfAcceptanceModel('mnist_softmax_savedmodel_tf1.0');
    expect(cli('show', '--dir', dir).out).to.equal('The given SavedModel contains the following tag-sets:\nserve\n');
    expect(cli('show', '--dir', dir, '--tag_set', 'serve').out).to.equal('The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:\n' +
      'SignatureDef key: "predict_images"\nSignatureDef key: "serving_default"\n');
    expect(cli('show', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'predict_images').out).to.include('      shape: (-1, 784)\n      name: x:0\n');
  });

  it('run --tag_set serve --signature_def serving_default --input_exprs \'x=[1,2,5]\' prints y = 0.5x + 2 (both half_plus_two models)', () => {
    for (const dir of [tfAcceptanceModel('half_plus_two_mkl_tf1.12'), tfModel('saved_model_half_plus_two_cpu', '00000123')]) {
      const r = cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--input_exprs', 'x=[1,2,5]');
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.equal('Result for output key y:\n[[2.5]\n [3. ]\n [4.5]]\n');
    }
    // The column form is the same; a list for an input of another shape is fed as given, and refused as TF refuses it.
    const dir = tfAcceptanceModel('mnist_softmax_savedmodel_tf1.0');
    const bad = cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'predict_images', '--input_exprs', 'images=[1,2,5]');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include("InvalidArgumentError: Cannot feed value of shape (3,) for Tensor 'x:0', which has shape '(?, 784)'");
  });
});
