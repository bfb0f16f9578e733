/**
 * Puts the WebAssembly kernel modules, which tools/build_web.ts inlines into the bundle,
 * where kernels/cpu/wasm/wasm_module.ts looks for them: beside the module's own folder
 * (`__dirname` is '/' in the bundle) of the in-memory file system. Inlining keeps the
 * modules' compilation synchronous, as in Node, and the page needs no second request;
 * gemm.wasm is 43 KB (58 KB as base64). Imported first by the browser entry, before
 * the CPU backend loads.
 */
import { KERNEL_MODULES } from 'tensorgraph:kernel-modules';
import { writeFileSync } from './fs';

for (const [name, bytes] of Object.entries(KERNEL_MODULES)) writeFileSync(`/${name}`, bytes);
