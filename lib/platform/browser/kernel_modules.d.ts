/** The virtual module tools/build_web.ts provides: each kernels/cpu/wasm/*.wasm file's bytes by file name. */
declare module 'tensorgraph:kernel-modules' {
  export const KERNEL_MODULES: Record<string, Uint8Array>;
}
