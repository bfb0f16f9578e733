/*
 * Optimizer updates in WebAssembly SIMD, on arrays in wasm memory: the variables' own
 * buffers when they live there (see WasmGemm.allocateResident), else copies. Like
 * gemm.c, no C stack: several threads run this code on one memory.
 */
#include <wasm_simd128.h>

/* ApplyGradientDescent: out = var - alpha * grad (out may be var), on the calling thread. */
__attribute__((export_name("gradient_descent_f32")))
void gradient_descent_f32(int n, const float *var, const float *grad, float *out, float alpha) {
  v128_t valpha = wasm_f32x4_splat(alpha);
  int i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(out + i, wasm_f32x4_sub(wasm_v128_load(var + i), wasm_f32x4_mul(valpha, wasm_v128_load(grad + i))));
  for (; i < n; i++) out[i] = var[i] - alpha * grad[i];
}

/*
 * ApplyAdam's update, shared between threads by chunks of the parameters. TF1's rule
 * (training_ops.cc), with lr_t folded into alpha by the caller:
 *   m += (g - m)(1 - beta1);  v += (g^2 - v)(1 - beta2);
 *   var -= alpha * m / (sqrt(v) + epsilon)     (use_nesterov: (g (1 - beta1) + beta1 m))
 * in float32, as TF's CPU kernel computes it.
 */
/* The old values are read from var0, m0, v0 and the new ones written to var, m, v:
 * the same arrays for an update in place, or the variables' staged buffers. */
typedef struct {
  int n;
  const float *var0, *m0, *v0;
  float *var, *m, *v;
  const float *grad;
  float alpha, beta1, beta2, epsilon;
  int nesterov;
  int chunk, nchunks;
  int next; /* the next chunk to take; updated atomically */
} adam_job;

__attribute__((export_name("adam_job_size")))
int adam_job_size(void) { return sizeof(adam_job); }

static void adam_range(const adam_job *job, int i0, int i1) {
  float c1 = 1.0f - job->beta1, c2 = 1.0f - job->beta2, b1 = job->beta1;
  float alpha = job->alpha, eps = job->epsilon;
  const float *var0 = job->var0, *m0 = job->m0, *v0 = job->v0;
  float *var = job->var, *m = job->m, *v = job->v;
  const float *g = job->grad;
  v128_t vc1 = wasm_f32x4_splat(c1), vc2 = wasm_f32x4_splat(c2), vb1 = wasm_f32x4_splat(b1);
  v128_t valpha = wasm_f32x4_splat(alpha), veps = wasm_f32x4_splat(eps);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t gi = wasm_v128_load(g + i), mi = wasm_v128_load(m0 + i), vi = wasm_v128_load(v0 + i);
    mi = wasm_f32x4_add(mi, wasm_f32x4_mul(wasm_f32x4_sub(gi, mi), vc1));
    vi = wasm_f32x4_add(vi, wasm_f32x4_mul(wasm_f32x4_sub(wasm_f32x4_mul(gi, gi), vi), vc2));
    v128_t num = job->nesterov ? wasm_f32x4_add(wasm_f32x4_mul(gi, vc1), wasm_f32x4_mul(vb1, mi)) : mi;
    v128_t step = wasm_f32x4_div(wasm_f32x4_mul(num, valpha), wasm_f32x4_add(wasm_f32x4_sqrt(vi), veps));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    wasm_v128_store(var + i, wasm_f32x4_sub(wasm_v128_load(var0 + i), step));
  }
  for (; i < i1; i++) {
    float gi = g[i];
    float mi = m0[i] + (gi - m0[i]) * c1;
    float vi = v0[i] + (gi * gi - v0[i]) * c2;
    float num = job->nesterov ? gi * c1 + b1 * mi : mi;
    m[i] = mi;
    v[i] = vi;
    var[i] = var0[i] - (num * alpha) / (__builtin_sqrtf(vi) + eps);
  }
}

/* Takes chunks until none is left; called by every participating thread. */
__attribute__((export_name("adam_job_run")))
void adam_job_run(adam_job *job, float *work) {
  (void)work;
  for (;;) {
    int chunk = __atomic_fetch_add(&job->next, 1, __ATOMIC_SEQ_CST);
    if (chunk >= job->nchunks) return;
    int i0 = chunk * job->chunk, i1 = i0 + job->chunk < job->n ? i0 + job->chunk : job->n;
    adam_range(job, i0, i1);
  }
}
