/**
 * The gpu.js side of the gpu backend: one GPU instance per mode for the process,
 * finding out what this machine offers, and a bounded cache of compiled kernels.
 */
import { UnimplementedError } from '../framework/errors';
import { CachedKernel, CompiledKernel, KernelCache, kernelCacheLimitFromEnv } from './kernel_cache';

/** gpu.js modes the backend can run in. GL modes keep values in textures; the others in typed arrays. */
export type GpuMode = 'headlessgl' | 'webgl2' | 'webgl' | 'webasm' | 'cpu';
export const GL_MODES: readonly GpuMode[] = ['headlessgl', 'webgl2', 'webgl'];

export type { CompiledKernel } from './kernel_cache';

/* gpu.js is loaded on first use, so importing tensorgraph costs nothing when no session asks for the gpu. */
let gpujs: any = null;
function gpuModule(): any {
  if (!gpujs) gpujs = require('gpu.js');
  return gpujs;
}

/** What a GL context says it is: the real renderer string when the GL layer exposes it. */
function rendererOf(gl: any): string {
  try {
    // headless-gl answers 'ANGLE' to RENDERER; its direct query names the driver underneath (e.g. Mesa llvmpipe).
    const direct = typeof gl._getParameterDirect === 'function' ? gl._getParameterDirect(gl.RENDERER) : null;
    if (direct) return String(direct);
    const info = gl.getExtension?.('WEBGL_debug_renderer_info');
    if (info) return String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    return String(gl.getParameter(gl.RENDERER));
  } catch {
    return 'unknown renderer';
  }
}

/** Software rasterizers: a GL context, but no graphics hardware behind it. */
const SOFTWARE_RENDERER = /llvmpipe|softpipe|swrast|swiftshader|software|lavapipe/i;

export interface GlProbe { mode: GpuMode; renderer: string; hardware: boolean }

let probed: GlProbe | null | undefined;

/** The GL mode gpu.js would use here, and whether real hardware renders it; null when there is no GL. */
export function probeGl(): GlProbe | null {
  if (probed !== undefined) return probed;
  probed = null;
  try {
    const { GPU } = gpuModule();
    const kernels = gpuModule();
    if (GPU.isHeadlessGLSupported) {
      const ctx = kernels.HeadlessGLKernel?.testContext;
      const renderer = ctx ? rendererOf(ctx) : 'unknown renderer';
      probed = { mode: 'headlessgl', renderer, hardware: !SOFTWARE_RENDERER.test(renderer) };
    } else if (GPU.isWebGL2Supported || GPU.isWebGLSupported) {
      const mode: GpuMode = GPU.isWebGL2Supported ? 'webgl2' : 'webgl';
      const canvas = typeof document !== 'undefined' ? (document as any).createElement('canvas') : null;
      const gl = canvas?.getContext(mode === 'webgl2' ? 'webgl2' : 'webgl');
      const renderer = gl ? rendererOf(gl) : 'unknown renderer';
      probed = { mode, renderer, hardware: !SOFTWARE_RENDERER.test(renderer) };
    }
  } catch {
    probed = null;
  }
  return probed;
}
declare const document: unknown;

/** Settings every kernel shares: float32 textures, highp everywhere, outputs kept on the device. */
const KERNEL_SETTINGS = {
  pipeline: true,
  // Each call returns its own texture, so one cached kernel can serve two ops of a plan.
  immutable: true,
  precision: 'single',
  // gpu.js would otherwise pick lowp/mediump from the texture size: too coarse for float math.
  tactic: 'precision',
  loopMaxIterations: 1 << 30,
};

/**
 * One gpu.js instance per mode for the whole process (a GL context is costly), with
 * its compiled kernels cached by source and sizes: a kernel is compiled once per
 * op and shape however many sessions use it, as long as it stays among the most
 * recently used `kernelCacheLimit` kernels (uploads included).
 */
export class GpuDevice {
  private static readonly instances = new Map<GpuMode, GpuDevice>();
  readonly gpu: any;
  readonly isGl: boolean;
  readonly renderer: string;
  private readonly kernels: KernelCache;

  static get(mode: GpuMode): GpuDevice {
    let d = GpuDevice.instances.get(mode);
    if (!d) { d = new GpuDevice(mode); GpuDevice.instances.set(mode, d); }
    return d;
  }

  private constructor(readonly mode: GpuMode) {
    const { GPU } = gpuModule();
    this.isGl = GL_MODES.includes(mode);
    if (mode === 'headlessgl' && !GPU.isHeadlessGLSupported) {
      throw new UnimplementedError('gpu.js headlessgl is not available: the `gl` package did not load or there is no X display (run under xvfb-run)');
    }
    this.kernels = new KernelCache(kernelCacheLimitFromEnv());
    this.gpu = new GPU({ mode });
    this.renderer = this.isGl ? (probeGl()?.renderer ?? rendererOf(this.gpu.context)) : 'no GPU: gpu.js runs the kernels on the CPU';
  }

  /**
   * The kernel for `source` at these sizes, compiling it on first use; `compiled` says
   * whether it was new. A device buffer made from its output must report the output's
   * end to it (outputMade, then outputFreed), so an evicted kernel outlives its outputs.
   */
  kernel(source: string, outLength: number, argLengths: number[]): { kernel: CachedKernel; compiled: boolean } {
    const key = `${outLength}|${argLengths.join(',')}|${source}`;
    const cached = this.kernels.get(key);
    if (cached) return { kernel: cached, compiled: false };
    const k = this.gpu.createKernel(source, { ...KERNEL_SETTINGS, output: [outLength] }) as CompiledKernel;
    return { kernel: this.kernels.add(key, k), compiled: true };
  }

  /**
   * Copies host floats to the device: a texture on GL, a private typed array otherwise.
   * `producer`, when set, is the upload kernel, told of the output as kernel() describes.
   */
  upload(data: Float32Array): { value: unknown; compiled: boolean; producer: CachedKernel | null } {
    if (!this.isGl) return { value: data.slice(), compiled: false, producer: null };
    const { kernel, compiled } = this.kernel(UPLOAD_SOURCE, data.length, [data.length]);
    return { value: kernel.kernel(data), compiled, producer: kernel.outputMade() };
  }

  /** Waits until the device has finished the work issued so far (GL calls return before the GPU is done). */
  finish(): void {
    if (this.isGl) this.gpu.context?.finish?.();
  }

  get cachedKernelCount(): number { return this.kernels.size; }

  /** Evicted kernels kept until device buffers holding their outputs are freed. */
  get retiringKernelCount(): number { return this.kernels.retiringCount; }

  /** At most this many compiled kernels are kept (process-wide for this mode); lowering it evicts at once. */
  get kernelCacheLimit(): number { return this.kernels.limit; }
  set kernelCacheLimit(limit: number) { this.kernels.limit = limit; }
}

const UPLOAD_SOURCE = 'function(a) { return a[this.thread.x]; }';
