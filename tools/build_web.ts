/**
 * The browser build:  node dist/tools/build_web.js [--no-demo]   (npm run build:web)
 * dist/web/tensorgraph.esm.js: the library as one ES module (gpu.js included), from
 * lib/browser.ts, for `platform: 'browser'`. Node's modules never enter it: fs, path, os
 * and worker_threads resolve to the shims in lib/platform/browser/ (an in-memory file
 * system, POSIX paths, no worker threads), the rest (child_process, http, zlib,
 * headless-gl, ...) to a stand-in whose every member throws, naming the module; `process` and `Buffer` are
 * injected. The WebAssembly kernels are inlined (lib/platform/browser/kernel_files.ts).
 * Also bundles the demo (examples/web/) into dist/web/, and prints the sizes, minified
 * and gzipped, with gpu.js included and left external.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

export const ROOT = findRoot(__dirname);
export const WEB_DIR = path.join(ROOT, 'dist', 'web');
export const LIBRARY_BUNDLE = path.join(WEB_DIR, 'tensorgraph.esm.js');
const SHIMS = path.join(ROOT, 'lib', 'platform', 'browser');

/** Node modules with a browser shim of their own; any other Node built-in, and `gl`, get a stand-in (unavailableModule). */
const SHIMMED: Record<string, string> = { fs: 'fs.ts', path: 'path.ts', os: 'os.ts', worker_threads: 'worker_threads.ts' };
const UNAVAILABLE = ['gl', ...require('module').builtinModules as string[]];
/**
 * The library's own Node-only modules, left out the same way: the MNIST downloader (it
 * fetches with Node's https and unzips to disk). tf.examples' input_data stays, for
 * DataSet and the IDX parsers, but read_data_sets fails in a page.
 */
const NODE_ONLY_SOURCES = ['lib/examples/mnist/download.ts'];

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const browserShims: esbuild.Plugin = {
  name: 'tensorgraph-browser-shims',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${UNAVAILABLE.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return SHIMMED[name] ? { path: path.join(SHIMS, SHIMMED[name]) } : { path: name, namespace: 'tensorgraph-unavailable' };
    });
    build.onLoad({ filter: /.*/, namespace: 'tensorgraph-unavailable' }, (args) => ({ contents: unavailableModule(args.path), loader: 'js' }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = path.relative(ROOT, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
      const source = NODE_ONLY_SOURCES.find((s) => s === target || s === `${target}.ts`);
      return source ? { path: source, namespace: 'tensorgraph-unavailable' } : undefined;
    });
    build.onResolve({ filter: /^tensorgraph:kernel-modules$/ }, () => ({ path: 'kernel-modules', namespace: 'tensorgraph' }));
    build.onLoad({ filter: /.*/, namespace: 'tensorgraph' }, () => {
      const dir = path.join(ROOT, 'kernels', 'cpu', 'wasm');
      const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'));
      const lines = modules.map((f) => `  ${JSON.stringify(f)}: decode(${JSON.stringify(fs.readFileSync(path.join(dir, f)).toString('base64'))}),`);
      return {
        contents: `const decode = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));\n` +
          `export const KERNEL_MODULES = {\n${lines.join('\n')}\n};\n`,
        loader: 'js',
      };
    });
  },
};

/**
 * A CommonJS stand-in, so that any named import of it binds (to a property read at run
 * time): importing it costs nothing, and calling into it names the missing module.
 */
function unavailableModule(name: string): string {
  return `module.exports = new Proxy({}, { get(_, key) {
    if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return undefined;
    return () => { throw new Error(${JSON.stringify(`'${name}' is Node-only, left out of tensorgraph's browser build`)}); };
  } });\n`;
}

function commonOptions(): esbuild.BuildOptions {
  return {
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: false,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    plugins: [browserShims],
    inject: [path.join(SHIMS, 'globals.ts')],
    define: { __dirname: '"/"', __filename: '"/tensorgraph.esm.js"', global: 'globalThis' },
    logLevel: 'warning',
    legalComments: 'none',
  };
}

export interface BundleSize { bytes: number; gzipped: number }
const sizeOf = (code: Uint8Array): BundleSize => ({ bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length });

/** Builds dist/web/tensorgraph.esm.js; returns its size, and the size it would have with gpu.js external. */
export async function buildLibrary(): Promise<{ included: BundleSize; gpujsExternal: BundleSize }> {
  fs.mkdirSync(WEB_DIR, { recursive: true });
  const entry = path.join(ROOT, 'lib', 'browser.ts');
  const built = await esbuild.build({ ...commonOptions(), entryPoints: [entry], outfile: LIBRARY_BUNDLE, metafile: false });
  void built;
  const external = await esbuild.build({ ...commonOptions(), entryPoints: [entry], external: ['gpu.js'], write: false, outfile: 'x.js' });
  return { included: sizeOf(fs.readFileSync(LIBRARY_BUNDLE)), gpujsExternal: sizeOf(external.outputFiles[0].contents) };
}

/** Bundles examples/web/demo.ts and copies the page, its model and its digits into dist/web/. */
export async function buildDemo(): Promise<void> {
  const src = path.join(ROOT, 'examples', 'web');
  const libraryAsModule: esbuild.Plugin = {
    name: 'tensorgraph-library-module',
    setup(build) {
      // The demo imports ../../lib/browser for its types; the page loads the library bundle beside it.
      build.onResolve({ filter: /\/lib\/browser$/ }, () => ({ path: './tensorgraph.esm.js', external: true }));
    },
  };
  const options = commonOptions();
  await esbuild.build({
    ...options, plugins: [libraryAsModule, ...options.plugins!], entryPoints: [path.join(src, 'demo.ts')],
    outfile: path.join(WEB_DIR, 'demo.js'),
  });
  for (const name of fs.readdirSync(src)) {
    if (name.endsWith('.ts') || name === 'tsconfig.json') continue;
    fs.cpSync(path.join(src, name), path.join(WEB_DIR, name), { recursive: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  const sizes = await buildLibrary();
  console.log(`${path.relative(ROOT, LIBRARY_BUNDLE)}: ${kb(sizes.included.bytes)} minified, ${kb(sizes.included.gzipped)} gzipped ` +
    `(gpu.js external: ${kb(sizes.gpujsExternal.bytes)}, ${kb(sizes.gpujsExternal.gzipped)} gzipped)`);
  if (!process.argv.includes('--no-demo')) {
    await buildDemo();
    console.log(`demo: ${path.relative(ROOT, WEB_DIR)}/index.html`);
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
