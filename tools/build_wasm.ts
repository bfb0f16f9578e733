/**
 * Builds the WebAssembly SIMD kernels in kernels/cpu/wasm/ from their C sources:
 *   npx tsx tools/build_wasm.ts        (or: node dist/tools/build_wasm.js after tsc)
 * Needs clang with the wasm32 target and wasm-ld (Debian: clang, lld). The built
 * .wasm files are committed so that machines without clang still run the fast path.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root: the nearest folder above this script holding package.json (works from dist/ too). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`build_wasm: no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

const WASM_DIR = path.join(repoRoot(), 'kernels', 'cpu', 'wasm');

/**
 * One kernel module: its C sources and the .wasm built from them. Kernels that hand
 * data to each other (a convolution's im2col feeding the GEMM) live in one module so
 * they share one memory and call each other directly.
 */
interface KernelModule { sources: string[]; output: string }

const MODULES: KernelModule[] = [{ sources: ['gemm.c', 'conv.c', 'training.c', 'elementwise.c'], output: 'gemm.wasm' }];

const COMPILE_FLAGS = [
  '--target=wasm32', '-msimd128', '-matomics', '-mbulk-memory', '-O2',
  // Keeps constant address offsets in the load instructions' offset field instead of
  // separate i32.add instructions; V8 then emits one x64 load per wasm load.
  '-mllvm', '-disable-lsr',
  '-nostdlib', '-ffreestanding', '-Wall', '-Werror',
];
const LINK_FLAGS = [
  '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--shared-memory', '-Wl,--max-memory=4294967296',
  '-Wl,--export=__heap_base', '-Wl,--strip-all',
];

function findClang(): string {
  for (const candidate of [process.env.CLANG, 'clang', 'clang-18', 'clang-17', 'clang-16', 'clang-15', 'clang-14']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch { /* try the next one */ }
  }
  throw new Error('build_wasm: no clang found (install clang and lld, or set CLANG=/path/to/clang)');
}

/**
 * The kernels run on one shared memory from several threads without a per-thread stack,
 * so the compiled code must not touch the C stack (no address-taken locals, no spills
 * to the shadow stack). The assembly output shows any use of __stack_pointer.
 */
function checkNoStackUse(clang: string, source: string): void {
  const asm = execFileSync(clang, [...COMPILE_FLAGS, '-S', '-o', '-', source], { encoding: 'utf8' });
  const uses = asm.split('\n').filter((line) => line.includes('__stack_pointer'));
  if (uses.length > 0) {
    throw new Error(`build_wasm: ${path.basename(source)} uses the C stack (${uses.length} references to ` +
      '__stack_pointer); the multi-threaded kernels cannot share one stack. Remove address-taken locals.');
  }
}

function main(): void {
  const clang = findClang();
  for (const mod of MODULES) {
    const sources = mod.sources.map((s) => path.join(WASM_DIR, s));
    const output = path.join(WASM_DIR, mod.output);
    for (const source of sources) checkNoStackUse(clang, source);
    execFileSync(clang, [...COMPILE_FLAGS, ...LINK_FLAGS, '-o', output, ...sources], { stdio: 'inherit' });
    const bytes = fs.readFileSync(output);
    if (!WebAssembly.validate(bytes)) throw new Error(`build_wasm: ${output} does not validate in this Node`);
    console.log(`built ${path.relative(process.cwd(), output)} (${bytes.length} bytes) with ${clang}`);
  }
}

main();
