/**
 * npm run bench: tensorgraph's CPU backend against TensorFlow.js (CPU and WASM
 * backends) on the same machine, printed as a table and written to BENCHMARKS.md.
 *
 *   node dist/tools/bench/index.js [--quick] [--only matmul,softmax,deep_mnist,inference,overhead,memory,lstm]
 *                                  [--no-peers] [--slow-peers] [--no-write] [--out FILE]
 *
 * --quick: fewer runs and smaller subsets (a couple of minutes). --slow-peers: also run
 * the TF.js CPU backend's Deep MNIST step (about a minute); otherwise the report
 * quotes the figure measured on this machine type (FACTS.md) and marks it as such.
 */
import * as path from 'path';
import * as fs from 'fs';
import { BenchOptions, log, machineInfo, Row } from './harness';
import { matmulBenchmarks } from './matmul';
import { softmaxBenchmarks } from './softmax';
import { deepMnistBenchmarks } from './deep_mnist';
import { inferenceBenchmarks } from './inference';
import { planOverheadBenchmarks } from './plan_overhead';
import { memoryBenchmarks, memoryChild } from './memory';
import { lstmBenchmarks } from './lstm';
import { markdownReport, plainTable, machineLine } from './report';
import { gemmImplementation, gemmThreadCount, startGemmWorkers } from '../../kernels/cpu/gemm';

const GROUPS: Record<string, (o: BenchOptions) => Promise<Row[]>> = {
  matmul: matmulBenchmarks,
  softmax: softmaxBenchmarks,
  deep_mnist: deepMnistBenchmarks,
  inference: inferenceBenchmarks,
  overhead: planOverheadBenchmarks,
  memory: memoryBenchmarks,
  lstm: lstmBenchmarks,
};

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false, only: new Set(), peers: true, slowPeers: false, write: true,
    out: path.join(repoRoot(), 'BENCHMARKS.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--slow-peers') options.slowPeers = true;
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--only') {
      for (const name of value().split(',').map((s) => s.trim()).filter(Boolean)) {
        if (!(name in GROUPS)) throw new Error(`--only: unknown benchmark '${name}' (known: ${Object.keys(GROUPS).join(', ')})`);
        options.only.add(name);
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(`usage: bench [--quick] [--only ${Object.keys(GROUPS).join(',')}] [--no-peers] [--slow-peers] [--no-write] [--out FILE]`);
      process.exit(0);
    } else throw new Error(`unknown argument '${arg}' (try --help)`);
  }
  return options;
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const started = new Date();
  const machine = machineInfo();
  const workers = startGemmWorkers();
  const implementation = `${gemmImplementation()} GEMM, ${gemmThreadCount()} threads (${workers} worker${workers === 1 ? '' : 's'} + the calling thread)`;
  log(`machine: ${machineLine(machine)}; load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  log(`tensorgraph: ${implementation}`);
  const rows: Row[] = [];
  for (const [name, run] of Object.entries(GROUPS)) {
    if (options.only.size > 0 && !options.only.has(name)) continue;
    rows.push(...(await run(options)));
  }
  const table = plainTable(rows);
  console.log(`\n${machineLine(machine)}\n\n${table}\n`);
  if (options.write) {
    const versions = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']
      .map((p) => `${p} ${(require(`${p}/package.json`) as { version: string }).version}`).join(', ');
    const command = ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' ');
    const report = markdownReport(rows, {
      machine, loadAfter: machineInfo().loadAverage, command, started,
      seconds: (Date.now() - started.getTime()) / 1000,
      peerVersions: options.peers ? `${versions} (tfjs-cpu: pure JS kernels; tfjs-wasm: XNNPACK, SIMD, one thread in Node)` : 'not run (--no-peers)',
      implementation,
    });
    fs.writeFileSync(options.out, report);
    log(`wrote ${options.out}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child' && args[1] === 'memory') {
  memoryChild(); // exits once its report is sent
} else {
  main(args).then(
    () => process.exit(0), // the gemm worker threads are unref'd, but TF.js may hold timers
    (e) => { console.error(e); process.exit(1); },
  );
}
