import { expect } from 'chai';
import * as tf from '../lib/index';
import type { CpuKernel } from '../lib/registry/kernel_registry';
import { CPU_KERNELS, mergeKernelTables } from '../kernels/cpu/index';
import { CORE_KERNELS } from '../kernels/cpu/tables/core';
import { MATH_KERNELS } from '../kernels/cpu/tables/math';

describe('the CPU kernel tables', () => {
  const kernel = (value: number): CpuKernel => () => tf.NDArray.from([value]);

  it('merge into one table by op type', () => {
    const a = kernel(1), b = kernel(2), c = kernel(3);
    expect(mergeKernelTables({ first: { A: a, B: b }, second: { C: c } })).to.deep.equal({ A: a, B: b, C: c });
    expect(CPU_KERNELS.MatMul).to.equal(MATH_KERNELS.MatMul);
    const sizes = Object.keys(CORE_KERNELS).length + Object.keys(MATH_KERNELS).length;
    expect(Object.keys(CPU_KERNELS).length).to.be.at.least(sizes);
  });

  it('refuse an op type that two tables list, naming both, instead of the later one silently winning', () => {
    expect(() => mergeKernelTables({ math: { Add: kernel(1), Sub: kernel(2) }, nn: { Relu: kernel(3) }, array: { Sub: kernel(4) } }))
      .to.throw(tf.errors.InternalError, /^CPU kernel tables 'math' and 'array' both have a kernel for op type 'Sub'$/);
  });
});
