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

function requestedByName(config: SessionConfig): boolean {
  return !!(config.device ?? process.env.TENSORGRAPH_DEVICE);
}

backendRegistry().register('gpu', (config) => {
  const gl = probeGl();
  if (!gl) return null;
  if (!gl.hardware && !requestedByName(config)) return null;
  return new GpuBackend(gl.mode);
}, 10);
backendRegistry().register('gpu-webasm', () => new GpuBackend('webasm'), -1);
backendRegistry().register('gpu-cpu', () => new GpuBackend('cpu'), -1);

export { GpuBackend } from './backend';
export type { GpuCounters } from './gpu_run';
export { probeGl } from './device';
export type { GpuMode } from './device';
