import * as path from 'path';

/**
 * TensorFlow.js (devDependencies, for the benchmark only) with one of its backends.
 * The full @tensorflow/tfjs package is needed for gradients (tfjs-core alone registers
 * none). Both backends live in one tfjs instance; setBackend switches between them.
 */
export type Tfjs = typeof import('@tensorflow/tfjs');
export type TfjsBackend = 'cpu' | 'wasm';

let tfjs: Tfjs | null = null;
let wasmRegistered = false;

export async function loadTfjs(backend: TfjsBackend): Promise<Tfjs> {
  // TF.js prints advice to install tfjs-node when a backend starts; keep the report's output clean.
  const warn = console.warn, info = console.info, logFn = console.log;
  console.warn = console.info = console.log = () => {};
  try {
    return await load(backend);
  } finally {
    console.warn = warn; console.info = info; console.log = logFn;
  }
}

async function load(backend: TfjsBackend): Promise<Tfjs> {
  if (tfjs === null) tfjs = require('@tensorflow/tfjs') as Tfjs;
  const tf = tfjs;
  if (backend === 'wasm' && !wasmRegistered) {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // In Node the backend looks for its .wasm files relative to the working directory;
    // point it at the package's dist folder instead.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dist + path.sep);
    wasmRegistered = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  await tf.ready();
  tf.tensor([0]).dispose(); // the CPU backend prints its advice on the first tensor it holds
  return tf;
}

/** Describes the active backend, e.g. "wasm (SIMD, 1 thread)". */
export function describeTfjsBackend(tf: Tfjs): string {
  const backend = tf.getBackend();
  if (backend !== 'wasm') return backend;
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : '1 thread';
  return `wasm (${simd}, ${threads})`;
}
