/**
 * The browser entry (bundled by tools/build_web.ts into dist/web/tensorgraph.esm.js):
 * the same library as lib/index.ts, with the WebAssembly kernels inlined. Node's
 * modules are replaced by the small shims in lib/platform/browser/.
 */
import './platform/browser/kernel_files';
export * from './index';
