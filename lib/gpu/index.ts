/**
 * The gpu.js backend. Importing this module registers it with the session's
 * BackendRegistry and registers the built-in gpu kernels.
 *
 * - 'gpu': gpu.js on a GL context. Chosen automatically only when real graphics
 *   hardware renders it; a software rasterizer (Mesa llvmpipe under Xvfb) is used
 *   only when asked for by name (config.device or TENSORGRAPH_DEVICE), since the
 *   CPU backend outruns it.
 * - 'gpu-webasm', 'gpu-cpu': the same lowering run by gpu.js's CPU-side modes
 *   (WebAssembly, plain JS); never chosen automatically. They exercise the gpu
 *   kernels where there is no GL (tests), and are no faster than the CPU backend.
 */
import { backendRegistry, SessionConfig } from '../session/backend';
import { registerGpuKernels } from '../../kernels/gpu/index';
import { GpuBackend } from './backend';
import { probeGl } from './device';

registerGpuKernels();

declare module '../session/backend' {
  interface SessionConfig {
    /**
     * gpu backends: how many compiled gpu.js kernels to keep, least recently used
     * evicted (and destroyed) first; else env TENSORGRAPH_GPU_KERNEL_CACHE, else 256.
     * The cache belongs to the process's gpu.js instance for the mode, shared by its
     * sessions, so the setting applies to them all.
     */
    gpuKernelCache?: number;
  }
}

/** Applies the session's gpu options to the device the backend runs on. */
function configured(backend: GpuBackend, config: SessionConfig): GpuBackend {
  if (config.gpuKernelCache !== undefined) backend.device.kernelCacheLimit = config.gpuKernelCache;
  return backend;
}

function requestedByName(config: SessionConfig): boolean {
  return !!(config.device ?? process.env.TENSORGRAPH_DEVICE);
}

backendRegistry().register('gpu', (config) => {
  const gl = probeGl();
  if (!gl) return null;
  if (!gl.hardware && !requestedByName(config)) return null;
  return configured(new GpuBackend(gl.mode), config);
}, 10);
backendRegistry().register('gpu-webasm', (config) => configured(new GpuBackend('webasm'), config), -1);
backendRegistry().register('gpu-cpu', (config) => configured(new GpuBackend('cpu'), config), -1);

export { GpuBackend } from './backend';
export type { GpuCounters } from './gpu_run';
export { probeGl } from './device';
export type { GpuMode } from './device';
