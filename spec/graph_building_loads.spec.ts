import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { collectImports } from '../tools/check_imports';

const DIST = path.join(__dirname, '..');
const REPO = path.join(DIST, '..');

/**
 * Runs in a fresh node process: imports only graph-building modules, builds a small
 * convolutional model with its gradients and an Adam update, and prints which modules
 * were loaded and whether any WebAssembly module was read or compiled.
 */
const BUILD_A_GRAPH = `
const fs = require('fs');
const wasm = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith('.wasm')) wasm.push(String(file));
  return readFileSync.call(this, file, ...rest);
};
for (const fn of ['Module', 'compile', 'instantiate']) {
  const original = WebAssembly[fn];
  WebAssembly[fn] = function (...args) { wasm.push('WebAssembly.' + fn); return fn === 'Module' ? new original(...args) : original(...args); };
}
const dist = process.argv[1];
require(dist + '/lib/ops/builtin').registerBuiltinOps();
const { placeholder } = require(dist + '/lib/ops/array_ops');
const { reshape } = require(dist + '/lib/ops/shape_ops');
const { Variable, global_variables_initializer } = require(dist + '/lib/ops/variables');
const { matmul, reduce_mean } = require(dist + '/lib/ops/math_ops');
const { truncated_normal } = require(dist + '/lib/ops/random_ops');
const { gradients } = require(dist + '/lib/ops/gradients');
const nn = require(dist + '/lib/api/nn');
const train = require(dist + '/lib/api/train');
const x = placeholder('float32', [null, 28, 28, 1]);
const W = Variable(truncated_normal([5, 5, 1, 4], { stddev: 0.1 }));
const h = nn.relu(nn.conv2d(x, W, [1, 1, 1, 1], 'SAME'));
const V = Variable(truncated_normal([28 * 28 * 4, 10], { stddev: 0.1 }));
const logits = matmul(reshape(h, [-1, 28 * 28 * 4]), V).add(1);
const labels = placeholder('float32', [null, 10]);
const loss = reduce_mean(nn.softmax_cross_entropy_with_logits_v2({ labels, logits }));
const grads = gradients(loss, [W, V]);
const step = train.AdamOptimizer(1e-4).minimize(loss);
global_variables_initializer();
if (grads.length !== 2 || !step) throw new Error('graph not built');
console.log(JSON.stringify({ modules: Object.keys(require.cache), wasm }));
`;

/**
 * The kernel modules graph building may still load today: those reachable from the imports
 * tools/import_allowlist.txt accepts from lib/ops/defs into kernels (op definitions that name
 * their CPU kernels, being removed in another #13 branch). Empty once that allowlist is.
 */
function kernelsReachableThroughAllowlist(): Set<string> {
  const allowlist = fs.readFileSync(path.join(REPO, 'tools/import_allowlist.txt'), 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).map((l) => l.split('->').map((s) => s.trim()));
  const imports = collectImports(REPO);
  const reached = new Set<string>();
  const pending = allowlist.filter(([from, to]) => from.startsWith('lib/ops/defs/') && to.startsWith('kernels/')).map(([, to]) => to);
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const imp of imports) if (imp.from === file && imp.to.startsWith('kernels/')) pending.push(imp.to);
  }
  return reached;
}

describe('building a graph', () => {
  let loaded: { modules: string[]; wasm: string[] };
  before(function () {
    this.timeout(60000);
    const r = spawnSync(process.execPath, ['-e', BUILD_A_GRAPH, DIST], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the graph-building process failed: ${r.stderr}`);
    loaded = JSON.parse(r.stdout);
  });
  const relative = (m: string) => path.relative(DIST, m).split(path.sep).join('/');

  it('loads no session and no backend', () => {
    const ours = loaded.modules.map(relative).filter((m) => !m.startsWith('..'));
    expect(ours).to.include.members(['lib/ops/variables.js', 'lib/train/adam.js', 'lib/ops/gradients.js']);
    expect(ours.filter((m) => m.startsWith('lib/session/') || m.startsWith('lib/gpu/'))).to.deep.equal([]);
    expect(loaded.modules.filter((m) => m.includes(`${path.sep}gpu.js${path.sep}`))).to.deep.equal([]);
  });

  it('loads no kernels and no WebAssembly, beyond what allowlisted op definitions still import', () => {
    const allowed = kernelsReachableThroughAllowlist();
    const kernels = loaded.modules.map(relative).filter((m) => m.startsWith('kernels/')).map((m) => m.replace(/\.js$/, '.ts'));
    expect(kernels.filter((k) => !allowed.has(k))).to.deep.equal([]);
    if (!allowed.has('kernels/cpu/wasm/wasm_module.ts')) expect(loaded.wasm).to.deep.equal([]);
  });
});
