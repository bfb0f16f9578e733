/**
 * The part of the WebAssembly JS API the CPU kernels use. TypeScript declares it only
 * in the DOM library, which this project does not load (tsconfig lib: ES2022 + Node's
 * types). Drop this file if a library that declares WebAssembly is ever added.
 */
declare namespace WebAssembly {
  interface Module {}
  interface Instance { readonly exports: Record<string, unknown> }
  interface Memory { readonly buffer: ArrayBuffer | SharedArrayBuffer; grow(deltaPages: number): number }
  interface Global { value: unknown }
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  interface ModuleImportDescriptor { module: string; name: string; kind: string }

  const Module: {
    prototype: Module;
    new (bytes: ArrayBufferView | ArrayBuffer): Module;
    imports(module: Module): ModuleImportDescriptor[];
  };
  const Instance: { prototype: Instance; new (module: Module, imports?: Record<string, Record<string, unknown>>): Instance };
  const Memory: { prototype: Memory; new (descriptor: MemoryDescriptor): Memory };
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}
