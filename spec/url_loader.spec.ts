import { expect } from 'chai';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { NotFoundError, UnknownError, ValueError } from '../lib/framework/errors';
import { startWebServer, WebServer } from '../tools/web_server';
import { tfModelsDir } from './helpers/tf_models';

describe('tf.saved_model.loader.load_async (SavedModels over HTTP)', function () {
  this.timeout(30_000);
  let served: string;
  let server: WebServer;
  let tfServer: WebServer;

  before(async () => {
    served = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-url-spec-'));
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      const w = tf.Variable(new NDArray(new Float32Array([1, -2, 0.5]), [3], 'float32'), { name: 'w' });
      const y = tf.multiply(x, w, 'y');
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const builder = new tf.saved_model.builder.SavedModelBuilder(path.join(served, 'scale'));
      builder.add_meta_graph_and_variables(sess, ['serve'], {
        signature_def_map: { predict: tf.saved_model.signature_def_utils.predict_signature_def({ x }, { y }) },
      });
      builder.save();
    });
    server = await startWebServer(served);
    tfServer = await startWebServer(tfModelsDir());
  });
  after(async () => {
    await server.close();
    await tfServer.close();
    fs.rmSync(served, { recursive: true, force: true });
  });

  it('loads tensorgraph\'s format (saved_model.tgsm + variables) and runs it', async () => {
    await new tf.Graph().as_default(async () => {
      const sess = tf.Session();
      const meta = await tf.saved_model.loader.load_async(sess, ['serve'], `${server.url}scale`);
      const sig = meta.signature_def.predict;
      const y = sess.run(sig.outputs.y.name, { [sig.inputs.x.name]: [[2, 2, 2]] }) as NDArray;
      expect(Array.from(y.data)).to.deep.equal([2, -4, 1]);
    });
  });

  it('loads TensorFlow\'s format (saved_model.pb, Snappy-compressed variables.index): half_plus_two', async () => {
    await new tf.Graph().as_default(async () => {
      const sess = tf.Session();
      // loadFromUrl is the same function; a trailing slash is allowed.
      await tf.saved_model.loadFromUrl(sess, ['serve'], `${tfServer.url}saved_model_half_plus_two_cpu/00000123/`);
      const y = sess.run('y:0', { 'x:0': [[0], [1], [4]] }) as NDArray;
      expect(Array.from(y.data)).to.deep.equal([2, 2.5, 4]);
    });
  });

  it('takes keyword arguments', async () => {
    await new tf.Graph().as_default(async () => {
      const sess = tf.Session();
      const meta = await tf.saved_model.loader.load_async({ sess, tags: ['serve'], export_dir: `${server.url}scale` });
      expect(Object.keys(meta.signature_def)).to.deep.equal(['predict']);
    });
  });

  it('a URL without a SavedModel is NotFoundError naming it', async () => {
    const sess = new tf.Graph().as_default(() => tf.Session());
    const error = await tf.saved_model.loader.load_async(sess, ['serve'], `${server.url}missing`).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotFoundError);
    expect((error as Error).message).to.equal(`SavedModel file does not exist at: ${server.url}missing/{saved_model.tgsm|saved_model.pb}`);
  });

  it('wrong tags fail as loader.load does, and leave the graph empty', async () => {
    const graph = new tf.Graph();
    const sess = graph.as_default(() => tf.Session());
    const error = await tf.saved_model.loader.load_async(sess, ['train'], `${server.url}scale`).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(tf.errors.RuntimeError);
    expect((error as Error).message).to.match(/^MetaGraphDef associated with tags 'train' could not be found in SavedModel/);
    expect(graph.get_operations()).to.have.length(0);
  });

  it('an HTTP error other than 404 is UnknownError with the status', async () => {
    const failing = http.createServer((_req, res) => { res.statusCode = 503; res.statusMessage = 'Service Unavailable'; res.end(); });
    await new Promise<void>((done) => failing.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/m`;
    try {
      const sess = new tf.Graph().as_default(() => tf.Session());
      const error = await tf.saved_model.loader.load_async(sess, ['serve'], url).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UnknownError);
      expect((error as Error).message).to.equal(`Cannot fetch ${url}/saved_model.tgsm: HTTP 503 Service Unavailable`);
    } finally {
      failing.close();
    }
  });

  it('an empty URL is ValueError', async () => {
    const sess = new tf.Graph().as_default(() => tf.Session());
    const error = await tf.saved_model.loader.load_async(sess, ['serve'], '').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ValueError);
  });
});
