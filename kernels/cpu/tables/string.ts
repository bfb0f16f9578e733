import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { asStringKernel } from '../string/AsString';
import { decodeRawKernel } from '../string/DecodeRaw';

/** The CPU kernels of lib/ops/defs/string (host-only: strings never go to a device). */
export const STRING_KERNELS: Record<string, CpuKernel> = {
  AsString: asStringKernel,
  DecodeRaw: decodeRawKernel,
};
