import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import * as tf from '../lib/index';
import { main } from '../tools/saved_model_cli';

/** Runs the CLI in-process; returns its exit status and what it printed. */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

const SIGNATURE = `The given SavedModel SignatureDef contains the following input(s):
  inputs['x'] tensor_info:
      dtype: DT_FLOAT
      shape: (-1, 2)
      name: x:0
The given SavedModel SignatureDef contains the following output(s):
  outputs['classes'] tensor_info:
      dtype: DT_INT64
      shape: (-1)
      name: ArgMax:0
  outputs['y'] tensor_info:
      dtype: DT_FLOAT
      shape: (-1, 2)
      name: y:0
Method name is: tensorflow/serving/predict
`;

describe('saved_model_cli', () => {
  let tmp: string;
  let dir: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => {
    process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cli-'));
    dir = path.join(tmp, 'model');
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 2], 'x');
      const W = tf.Variable(tf.constant([[1, -2], [3, 0.5]]), { name: 'W' });
      const y = tf.matmul(x, W, { name: 'y' });
      const classes = tf.argmax(y, 1);
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const { builder, signature_def_utils } = tf.saved_model;
      const b = builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      b.add_meta_graph_and_variables(sess, ['serve'], {
        signature_def_map: {
          predict: signature_def_utils.predict_signature_def({ x }, { y, classes }),
          serving_default: signature_def_utils.predict_signature_def({ x }, { y }),
        },
      });
      b.add_meta_graph(['train', 'gpu']);
      b.save();
    });
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel;
  });

  it('show --dir lists the tag-sets', () => {
    expect(cli('show', '--dir', dir)).to.deep.equal({
      code: 0, err: '',
      out: 'The given SavedModel contains the following tag-sets:\nserve\ngpu, train\n',
    });
  });

  it('show --tag_set lists the SignatureDef keys', () => {
    expect(cli('show', '--dir', dir, '--tag_set', 'serve').out).to.equal(
      'The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:\n' +
      'SignatureDef key: "predict"\nSignatureDef key: "serving_default"\n');
    expect(cli('show', `--dir=${dir}`, '--tag_set=train,gpu').out).to.equal(
      'The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:\n');
  });

  it('show --signature_def prints inputs and outputs with dtype, shape and tensor name', () => {
    expect(cli('show', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'predict')).to.deep.equal({ code: 0, err: '', out: SIGNATURE });
  });

  it('show --all prints every SignatureDef of every tag-set', () => {
    const { code, out } = cli('show', '--dir', dir, '--all');
    expect(code).to.equal(0);
    const indented = SIGNATURE.trimEnd().split('\n').map((l) => '  ' + l).join('\n');
    expect(out).to.equal(
      "\nMetaGraphDef with tag-set: 'gpu, train' contains the following SignatureDefs:\n" +
      "\nMetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n" +
      "\nsignature_def['predict']:\n" + indented + '\n' +
      "\nsignature_def['serving_default']:\n" +
      '  The given SavedModel SignatureDef contains the following input(s):\n' +
      "    inputs['x'] tensor_info:\n        dtype: DT_FLOAT\n        shape: (-1, 2)\n        name: x:0\n" +
      '  The given SavedModel SignatureDef contains the following output(s):\n' +
      "    outputs['y'] tensor_info:\n        dtype: DT_FLOAT\n        shape: (-1, 2)\n        name: y:0\n" +
      '  Method name is: tensorflow/serving/predict\n');
  });

  it('run --input_exprs prints each output', () => {
    // [1, 1]·W = [4, -1.5]; [0, 2]·W = [6, 1].
    expect(cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'predict', '--input_exprs', 'x=[[1,1],[0,2]]')).to.deep.equal({
      code: 0, err: '',
      out: 'Result for output key classes:\n[0 0]\nResult for output key y:\n[[ 4.  -1.5]\n [ 6.   1. ]]\n',
    });
  });

  it('run --inputs reads JSON files (an array, or one entry of an object) and --outdir writes the outputs', () => {
    const plain = path.join(tmp, 'x.json');
    const keyed = path.join(tmp, 'xs.json');
    fs.writeFileSync(plain, JSON.stringify([[2, 0]]));
    fs.writeFileSync(keyed, JSON.stringify({ first: [[0, 1]], second: [[1, 0]] }));
    expect(cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--inputs', `x=${plain}`).out)
      .to.equal('Result for output key y:\n[[ 2. -4.]]\n');
    const outdir = path.join(tmp, 'out');
    const r = cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--inputs', `x=${keyed}[second]`, '--outdir', outdir);
    expect(r.code).to.equal(0);
    expect(r.out).to.equal(`Result for output key y:\n[[ 1. -2.]]\nOutput y is saved to ${path.join(outdir, 'y.json')}\n`);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'y.json'), 'utf8'))).to.deep.equal({ dtype: 'float32', shape: [1, 2], data: [[1, -2]] });
    const again = cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--inputs', `x=${plain}`, '--outdir', outdir);
    expect(again.code).to.equal(1);
    expect(again.err).to.match(/Output file .*y\.json already exists\. Add "--overwrite" to overwrite the existing output files\./);
    expect(cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--inputs', `x=${plain}`, '--outdir', outdir, '--overwrite').code).to.equal(0);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'y.json'), 'utf8')).data).to.deep.equal([[2, -4]]);
  });

  it('reports errors with the reason and a non-zero status', () => {
    const run = (...extra: string[]) => cli('run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'predict', ...extra);
    expect(run('--input_exprs', 'z=[[1,1]]').err).to.equal('saved_model_cli: InvalidArgumentError: "z" is not a valid input key. Please choose from: "x"\n');
    expect(run('--input_exprs', 'x=[[1,1]').err).to.match(/^saved_model_cli: InvalidArgumentError: --input_exprs value for 'x' is not valid JSON/);
    expect(run('--input_exprs', 'x=[[1,2,3]]').err).to.match(/Cannot feed value of shape \(1, 3\) for Tensor 'x:0', which has shape '\(\?, 2\)'/);
    expect(run('--inputs', 'x=/no/such.json').err).to.equal('saved_model_cli: NotFoundError: --inputs: file /no/such.json for input \'x\' does not exist\n');
    expect(run('--inputs', `x=${path.join(tmp, 'xs.json')}`).err).to.match(/holds several entries \(first, second\); pick one/);
    expect(run('--inputs', `x=${path.join(tmp, 'x.json')}`, '--input_exprs', 'x=[[1,1]]').err).to.match(/input_key x is specified in both --inputs and --input_exprs options/);
    const badSig = cli('show', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'nope');
    expect(badSig).to.deep.equal({ code: 1, out: '', err: 'saved_model_cli: NotFoundError: Could not find signature "nope". Please choose from: predict, serving_default\n' });
    expect(cli('show', '--dir', dir, '--tag_set', 'tpu').err).to.match(/MetaGraphDef associated with tag-set tpu could not be found in SavedModel/);
    expect(cli('show', '--dir', tmp).err).to.match(/NotFoundError: SavedModel file does not exist at: .*saved_model\.tgsm/);
    const usage = cli('run', '--dir', dir);
    expect(usage.code).to.equal(2);
    expect(usage.err).to.match(/saved_model_cli: error: run: the following argument is required: --tag_set\n$/);
    expect(cli('show', '--bogus').err).to.match(/error: unrecognized argument: --bogus/);
    expect(cli('frobnicate').code).to.equal(2);
    expect(cli('--help')).to.include({ code: 0 });
  });

  it('runs as an executable script (the npm bin) with a shebang', function () {
    this.timeout(30000);
    const compiled = __filename.endsWith('.js');
    const root = compiled ? path.resolve(__dirname, '..', '..') : path.resolve(__dirname, '..');
    const script = compiled ? path.join(root, 'dist', 'tools', 'saved_model_cli.js') : path.join(root, 'tools', 'saved_model_cli.ts');
    expect(fs.readFileSync(script, 'utf8').split('\n')[0]).to.equal('#!/usr/bin/env node');
    const args = compiled ? [script] : ['--require', 'tsx/cjs', script];
    const r = spawnSync(process.execPath, [...args, 'run', '--dir', dir, '--tag_set', 'serve', '--signature_def', 'serving_default', '--input_exprs', 'x=[[1,0]]'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TENSORGRAPH_LOG_LEVEL: undefined } });
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal('Result for output key y:\n[[ 1. -2.]]\n');
    expect(r.status).to.equal(0);
    const bad = spawnSync(process.execPath, [...args, 'show', '--dir', tmp], { cwd: root, encoding: 'utf8' });
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.match(/SavedModel file does not exist/);
  });
});
