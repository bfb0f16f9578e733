/**
 * The browser entry (bundled by tools/build_web.ts into dist/web/tensorgraph.esm.js):
 * the same library as lib/index.ts, with the WebAssembly kernels inlined. Node's
 * modules are replaced by the small shims in lib/platform/browser/.
 */
import './platform/browser/kernel_files';
export * from './index';
/** Which CPU product kernel runs here ('wasm-simd' or 'js'), for pages that show it. */
export { gemmImplementation as cpuKernelImplementation } from '../kernels/cpu/gemm';
/** The CPU backend's threads (the page's own included): Web Workers on the shared memory, in a cross-origin isolated page. */
export { gemmThreadCount as cpuThreadCount, setGemmThreadCount as setCpuThreadCount } from '../kernels/cpu/gemm';
/** Starts the CPU backend's workers now; returns how many are ready (in a page it does not wait for them). */
export { startGemmWorkers as startCpuWorkers } from '../kernels/cpu/gemm';
