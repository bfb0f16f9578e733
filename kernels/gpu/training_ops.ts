/**
 * The optimizers' update ops. Variable and slots stay on the device: each update
 * launches one kernel per updated tensor and stages the new values, committed when
 * the run succeeds. Hyperparameters (lr, beta powers) are read on the device too,
 * so a fed or variable learning rate costs no readback.
 */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import { kernelSource } from './codegen';

function requireScalar(t: DeviceTensor, what: string, ctx: GpuKernelContext): void {
  if (t.rank !== 0) throw new InvalidArgumentError(`${what} is not a scalar: ${formatShape(t.shape)}`, ctx.op.name);
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Reads the variable (ref 0) and slots (refs 1..n), checking every shape against the gradient's. */
function readAll(ctx: GpuKernelContext, grad: DeviceTensor, slots: string[]): DeviceTensor[] {
  const vals = [0, ...slots.map((_, i) => i + 1)].map((i) => ctx.ref(i).read());
  slots.forEach((slot, i) => {
    if (!same(vals[0].shape, vals[i + 1].shape)) {
      throw new InvalidArgumentError(`var and ${slot} do not have the same shape: ${formatShape(vals[0].shape)} vs ${formatShape(vals[i + 1].shape)}`, ctx.op.name);
    }
  });
  if (!same(vals[0].shape, grad.shape)) {
    throw new InvalidArgumentError(`var and grad do not have the same shape: ${formatShape(vals[0].shape)} vs ${formatShape(grad.shape)}`, ctx.op.name);
  }
  return vals;
}

/**
 * One elementwise launch per updated tensor: each `exprs[k]` computes the new value of
 * ref k from the current values (named), scalars (read at [0]) and earlier results.
 */
function update(ctx: GpuKernelContext, tensors: Record<string, DeviceTensor>, scalars: Record<string, DeviceTensor>,
  exprs: { ref: number; name: string; lets: string; expr: string }[]): DeviceTensor {
  const args: Record<string, DeviceTensor> = { ...tensors };
  let result: DeviceTensor | null = null;
  for (const e of exprs) {
    const names = Object.keys(args), snames = Object.keys(scalars);
    // Hyperparameters on the host (a fed learning rate) go in as uniforms; device ones (beta powers) are read at [0].
    const svals = snames.map((n) => ctx.hostScalar(scalars[n]) ?? scalars[n]);
    const src = kernelSource([...names.map((n) => `${n}_`), ...snames.map((n) => `${n}_`)], `const i = this.thread.x;
  ${names.map((n) => `const ${n} = ${n}_[i];`).join('\n  ')}
  ${snames.map((n, j) => (typeof svals[j] === 'number' ? `const ${n} = ${n}_;` : `const ${n} = ${n}_[0];`)).join('\n  ')}
  ${e.lets}
  return ${e.expr};`);
    const shape = tensors.w.shape;
    const next = ctx.launch(src, [...names.map((n) => args[n]), ...svals], shape, 'float32');
    ctx.ref(e.ref).write(next);
    args[`${e.name}n`] = next;
    if (e.ref === 0) result = next;
  }
  return result!;
}

/** ApplyGradientDescent(var, alpha, delta): var -= alpha * delta. */
export const ApplyGradientDescent: GpuKernel = ([, alpha, delta], ctx) => {
  requireScalar(alpha, 'alpha', ctx);
  const [w] = readAll(ctx, delta, []);
  return update(ctx, { w, g: delta }, { lr: alpha }, [{ ref: 0, name: 'w', lets: '', expr: 'w - lr * g' }]);
};

/** ApplyMomentum(var, accum, lr, grad, momentum), optionally Nesterov. */
export const ApplyMomentum: GpuKernel = ([, , lr, grad, momentum], ctx) => {
  requireScalar(lr, 'lr', ctx); requireScalar(momentum, 'momentum', ctx);
  const [w, accum] = readAll(ctx, grad, ['accum']);
  const step = ctx.attrs.use_nesterov ? 'g * lr + an * mo * lr' : 'lr * an';
  return update(ctx, { w, a: accum, g: grad }, { lr, mo: momentum }, [
    { ref: 1, name: 'a', lets: '', expr: 'a * mo + g' },
    { ref: 0, name: 'w', lets: '', expr: `w - (${step})` },
  ]);
};

/** ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad), TF1's form. */
export const ApplyAdam: GpuKernel = (inputs, ctx) => {
  const [, , , b1p, b2p, lr, b1, b2, eps, grad] = inputs;
  ([[b1p, 'beta1_power'], [b2p, 'beta2_power'], [lr, 'lr'], [b1, 'beta1'], [b2, 'beta2'], [eps, 'epsilon']] as const)
    .forEach(([t, what]) => requireScalar(t, what, ctx));
  const [w, m, v] = readAll(ctx, grad, ['m', 'v']);
  const num = ctx.attrs.use_nesterov ? 'g * (1 - b1) + b1 * mn' : 'mn';
  return update(ctx, { w, m, v, g: grad }, { b1p, b2p, lr, b1, b2, eps }, [
    { ref: 1, name: 'm', lets: '', expr: 'm + (g - m) * (1 - b1)' },
    { ref: 2, name: 'v', lets: '', expr: 'v + (g * g - v) * (1 - b2)' },
    { ref: 0, name: 'w', lets: 'const alpha = lr * Math.sqrt(1 - b2p) / (1 - b1p);', expr: `w - (${num}) * alpha / (Math.sqrt(vn) + eps)` },
  ]);
};

/** ApplyAdagrad(var, accum, lr, grad): accum += grad² (unless update_slots is false); var -= lr * grad / sqrt(accum). */
export const ApplyAdagrad: GpuKernel = ([, , lr, grad], ctx) => {
  requireScalar(lr, 'lr', ctx);
  const [w, accum] = readAll(ctx, grad, ['accum']);
  const acc = ctx.attrs.update_slots === false ? 'a' : 'a + g * g';
  return update(ctx, { w, a: accum, g: grad }, { lr }, [
    { ref: 1, name: 'a', lets: '', expr: acc },
    { ref: 0, name: 'w', lets: '', expr: 'w - g * lr / Math.sqrt(an)' },
  ]);
};

/** ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad). */
export const ApplyRMSProp: GpuKernel = (inputs, ctx) => {
  const [, , , lr, rho, momentum, eps, grad] = inputs;
  ([[lr, 'lr'], [rho, 'rho'], [momentum, 'momentum'], [eps, 'epsilon']] as const).forEach(([t, what]) => requireScalar(t, what, ctx));
  const [w, ms, mom] = readAll(ctx, grad, ['ms', 'mom']);
  return update(ctx, { w, s: ms, mo: mom, g: grad }, { lr, rho, mm: momentum, eps }, [
    { ref: 1, name: 's', lets: '', expr: 's + (g * g - s) * (1 - rho)' },
    { ref: 2, name: 'mo', lets: '', expr: 'mo * mm + g * lr / Math.sqrt(sn + eps)' },
    { ref: 0, name: 'w', lets: '', expr: 'w - mon' },
  ]);
};

/** ApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad). */
export const ApplyCenteredRMSProp: GpuKernel = (inputs, ctx) => {
  const [, , , , lr, rho, momentum, eps, grad] = inputs;
  ([[lr, 'lr'], [rho, 'rho'], [momentum, 'momentum'], [eps, 'epsilon']] as const).forEach(([t, what]) => requireScalar(t, what, ctx));
  const [w, mg, ms, mom] = readAll(ctx, grad, ['mg', 'ms', 'mom']);
  return update(ctx, { w, a: mg, s: ms, mo: mom, g: grad }, { lr, rho, mm: momentum, eps }, [
    { ref: 2, name: 's', lets: '', expr: 's + (g * g - s) * (1 - rho)' },
    { ref: 1, name: 'a', lets: '', expr: 'a + (g - a) * (1 - rho)' },
    { ref: 3, name: 'mo', lets: '', expr: 'mo * mm + g * lr / Math.sqrt(sn - an * an + eps)' },
    { ref: 0, name: 'w', lets: '', expr: 'w - mon' },
  ]);
};
