/**
 * npm run bench:serve: the Deep MNIST CNN served by tensorgraph-serve (a child process, loopback
 * only), N concurrent clients each posting one-image :predict requests until a request count or a
 * time limit: requests/s, p50/p99 latency, and the server's RSS before and after the requests.
 *
 *   node dist/tools/bench/serve.js [--clients 8] [--requests 10000] [--seconds 600] [--warmup 200]
 *                                  [--max_rss_growth_mb 24]
 *
 * Exits 1 when the server's RSS grows by more than --max_rss_growth_mb between the warm-up and the
 * end: keeping one request's input tensor (784 float32 values, 3.1 KB) per request would add 31 MB
 * over 10,000 requests, its parsed JSON (a 784-number array, over 6 KB) more; what remains is the
 * buffer pool and V8's heap settling after the warm-up (11.5 MB in the run quoted in BENCHMARKS.md).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { mnistDigits } from './data';
import { machineInfo } from './harness';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The CNN's inference graph (random weights: the load does not depend on their values), saved as base/1. */
function saveCnn(base: string): void {
  const g = new tf.Graph();
  g.as_default(() => {
    tf.set_random_seed(1);
    const w = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1 }));
    const conv = (x: tf.Tensor, W: tf.TensorLike) => tf.nn.conv2d(x, W, [1, 1, 1, 1], 'SAME');
    const pool = (x: tf.Tensor) => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    const x = tf.placeholder('float', [null, 784], 'x');
    const h1 = pool(tf.nn.relu(tf.add(conv(tf.reshape(x, [-1, 28, 28, 1]), w([5, 5, 1, 32])), w([32]))));
    const h2 = pool(tf.nn.relu(tf.add(conv(h1, w([5, 5, 32, 64])), w([64]))));
    const fc = tf.nn.relu(tf.add(tf.matmul(tf.reshape(h2, [-1, 7 * 7 * 64]), w([3136, 1024])), w([1024])));
    const probs = tf.nn.softmax(tf.add(tf.matmul(fc, w([1024, 10])), w([10])));
    const sess = new tf.Session({ graph: g });
    sess.run(tf.global_variables_initializer());
    tf.saved_model.simple_save(sess, path.join(base, '1'), { x }, { probs });
    sess.close();
  });
}

function rssOf(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) * 1024;
}

function percentile(sorted: number[], p: number): number { return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]; }

async function main(): Promise<void> {
  const clients = flag('clients', 8), total = flag('requests', 10000), seconds = flag('seconds', 600);
  const warmup = flag('warmup', 200), maxGrowthMb = flag('max_rss_growth_mb', 24);
  process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-bench-serve-'));
  const base = path.join(dir, 'cnn');
  saveCnn(base);
  const digits = mnistDigits();
  const bodies = Array.from({ length: 100 }, (_, i) => JSON.stringify({ instances: [Array.from(digits.images.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 1000) / 1000)] }));
  const server = spawn(process.execPath, [path.resolve(__dirname, '..', 'serve.js'), '--model_base_path', base, '--port', '0', '--rest_api_host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => { out += d; const m = /localhost:(\d+)/.exec(out); if (m) resolve(Number(m[1])); });
      server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/v1/models/cnn:predict`;
    const post = async (i: number) => {
      const res = await fetch(url, { method: 'POST', body: bodies[i % bodies.length] });
      const json = await res.json() as { predictions?: number[][] };
      if (res.status !== 200 || json.predictions?.[0].length !== 10) throw new Error(`bad response ${res.status}: ${JSON.stringify(json).slice(0, 200)}`);
    };
    for (let i = 0; i < warmup; i += clients) await Promise.all(Array.from({ length: clients }, (_, k) => post(i + k)));
    const rssBefore = rssOf(server.pid!);
    const latencies: number[] = [];
    let sent = 0;
    const start = performance.now(), deadline = start + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, async () => {
      while (sent < total && performance.now() < deadline) {
        const i = sent++;
        const t0 = performance.now();
        await post(i);
        latencies.push(performance.now() - t0);
      }
    }));
    const elapsed = (performance.now() - start) / 1000;
    const rssAfter = rssOf(server.pid!);
    latencies.sort((a, b) => a - b);
    const m = machineInfo();
    const growthMb = (rssAfter - rssBefore) / 2 ** 20;
    const lines = [
      `tensorgraph-serve, Deep MNIST CNN, ${clients} concurrent clients on loopback, one image per request`,
      `machine: ${m.cpuModel}, ${m.cores} cores (shared with other work), ${m.platform}, Node ${m.node}; load average ${m.loadAverage.map((v) => v.toFixed(2)).join(' / ')}`,
      `requests: ${latencies.length} in ${elapsed.toFixed(1)} s: ${(latencies.length / elapsed).toFixed(0)} requests/s`,
      `latency: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
      `server RSS: ${(rssBefore / 2 ** 20).toFixed(1)} MB after ${warmup} warm-up requests, ${(rssAfter / 2 ** 20).toFixed(1)} MB after ${latencies.length} more (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB; bound ${maxGrowthMb} MB)`,
    ];
    console.log(lines.join('\n'));
    if (latencies.length < total) console.log(`stopped at the ${seconds} s limit before ${total} requests`);
    if (growthMb > maxGrowthMb) { console.error(`RSS grew by ${growthMb.toFixed(1)} MB, more than ${maxGrowthMb} MB`); process.exitCode = 1; }
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
