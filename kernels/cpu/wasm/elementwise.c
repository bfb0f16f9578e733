/*
 * Element-wise kernels for large arrays, in WebAssembly SIMD. V8's loops over typed
 * arrays run at about 2.5-3.5 ns an element on this machine (float32 through float64,
 * a bounds and detach check per access), while copying into and out of wasm memory
 * costs a fraction of a nanosecond an element: these run on copies and still win by
 * about 3x from about 64K elements. Each gives the same bits as its JS kernel
 * (kernels/cpu/activations.ts, elementwise.ts, reduce.ts, MaxPool.ts, MaxPoolGrad.ts).
 * Single-threaded; no C stack.
 */
#include <wasm_simd128.h>

/* ReLU on the floats' bit patterns, as reluFloat32 in activations.ts: keeps x where
 * !(x < 0) (non-negative values, -0 and every NaN), else +0. */
__attribute__((export_name("relu_f32")))
void relu_f32(const float *x, float *out, int n) {
  const v128_t sign_off = wasm_i32x4_splat(0x7fffffff), inf = wasm_i32x4_splat(0x7f800000), one = wasm_i32x4_splat(1);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t b = wasm_v128_load(x + i), mag = wasm_v128_and(b, sign_off);
    v128_t keep = wasm_v128_or(wasm_v128_not(wasm_i32x4_shr(b, 31)),
                               wasm_v128_or(wasm_i32x4_shr(wasm_i32x4_sub(inf, mag), 31),
                                            wasm_i32x4_shr(wasm_i32x4_sub(mag, one), 31)));
    wasm_v128_store(out + i, wasm_v128_and(b, keep));
  }
  for (; i < n; i++) out[i] = x[i] < 0 ? 0.0f : x[i];
}

/* ReluGrad: dy where x > 0 (positive, not NaN), else +0, as reluGradFloat32. */
__attribute__((export_name("relu_grad_f32")))
void relu_grad_f32(const float *dy, const float *x, float *out, int n) {
  const v128_t one = wasm_i32x4_splat(1), inf = wasm_i32x4_splat(0x7f800000);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    /* t = bits - 1 is in [0, 0x7f800000) exactly for 0 < x <= +Infinity. */
    v128_t t = wasm_i32x4_sub(wasm_v128_load(x + i), one);
    v128_t keep = wasm_v128_and(wasm_v128_not(wasm_i32x4_shr(t, 31)), wasm_i32x4_shr(wasm_i32x4_sub(t, inf), 31));
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(dy + i), keep));
  }
  for (; i < n; i++) out[i] = x[i] > 0 ? dy[i] : 0.0f;
}

/* out[r, c] = x[r, c] + b[c] (a bias over the last dimension). A float32 sum rounds as
 * the JS kernel's float64 sum rounded to float32 does. */
__attribute__((export_name("bias_add_f32")))
void bias_add_f32(const float *x, const float *b, float *out, int rows, int c) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * c;
    float *o = out + r * c;
    int j = 0;
    for (; j + 4 <= c; j += 4) wasm_v128_store(o + j, wasm_f32x4_add(wasm_v128_load(xr + j), wasm_v128_load(b + j)));
    for (; j < c; j++) o[j] = xr[j] + b[j];
  }
}

/* out[c] = sum over r of x[r, c], accumulated in float64 in row order (acc: c doubles),
 * as the Sum kernel reduces leading axes. */
__attribute__((export_name("column_sums_f32")))
void column_sums_f32(const float *x, double *acc, float *out, int rows, int c) {
  for (int j = 0; j < c; j++) acc[j] = 0.0;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * c;
    int j = 0;
    for (; j + 2 <= c; j += 2)
      wasm_v128_store(acc + j, wasm_f64x2_add(wasm_v128_load(acc + j), wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(xr + j))));
    for (; j < c; j++) acc[j] += xr[j];
  }
  for (int j = 0; j < c; j++) out[j] = (float)acc[j];
}

/* The pooling window geometry (conv_geometry.ts's Window2D), passed as ints. */
#define WINDOW_PARAMS int batch, int in_h, int in_w, int C, int k_h, int k_w, int stride_h, int stride_w, \
                      int out_h, int out_w, int pad_top, int pad_left

/* Runs its argument once per output pixel (n, oh, ow), o being its first output index, with the
 * window clipped to the image: rows [h_lo, h_hi), columns [w_lo, w_hi), seed the index
 * of its first pixel's first channel. */
#define FOR_EACH_WINDOW(...)                                                            \
  for (int n = 0, o = 0; n < batch; n++)                                               \
    for (int oh = 0; oh < out_h; oh++)                                                 \
      for (int ow = 0; ow < out_w; ow++, o += C) {                                     \
        int h0 = oh * stride_h - pad_top, w0 = ow * stride_w - pad_left;               \
        int h_lo = h0 < 0 ? 0 : h0, h_hi = h0 + k_h < in_h ? h0 + k_h : in_h;          \
        int w_lo = w0 < 0 ? 0 : w0, w_hi = w0 + k_w < in_w ? w0 + k_w : in_w;          \
        int seed = ((n * in_h + h_lo) * in_w + w_lo) * C;                              \
        __VA_ARGS__                                                                    \
      }

/* Runs its argument for each pixel of the window after its first, in row-major order, s being
 * the index of the pixel's channel c. */
#define FOR_EACH_LATER_PIXEL(...)                                                       \
  for (int ih = h_lo; ih < h_hi; ih++)                                                 \
    for (int iw = ih == h_lo ? w_lo + 1 : w_lo; iw < w_hi; iw++) {                     \
      int s = ((n * in_h + ih) * in_w + iw) * C + c;                                   \
      __VA_ARGS__                                                                      \
    }

/* MaxPool, NHWC, as maxPoolValues in MaxPool.ts: the window's first pixel seeds the max
 * and a later one replaces it only when strictly greater (pmax), so ties keep the first
 * and a NaN seed stays. */
__attribute__((export_name("max_pool_f32")))
void max_pool_f32(const float *x, float *out, WINDOW_PARAMS) {
  FOR_EACH_WINDOW({
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t best = wasm_v128_load(x + seed + c);
      FOR_EACH_LATER_PIXEL({ best = wasm_f32x4_pmax(best, wasm_v128_load(x + s)); })
      wasm_v128_store(out + o + c, best);
    }
    for (; c < C; c++) {
      float best = x[seed + c];
      FOR_EACH_LATER_PIXEL({ if (x[s] > best) best = x[s]; })
      out[o + c] = best;
    }
  })
}

/* MaxPoolGrad, as MaxPoolGrad.ts: dx (zeroed here) gets each window's gradient added at
 * the window's first max, found again from x with the same comparisons, windows in
 * output order. */
__attribute__((export_name("max_pool_grad_f32")))
void max_pool_grad_f32(const float *x, const float *dy, float *dx, WINDOW_PARAMS) {
  for (int i = 0, n_in = batch * in_h * in_w * C; i < n_in; i++) dx[i] = 0.0f;
  const v128_t lanes = wasm_i32x4_make(0, 1, 2, 3);
  FOR_EACH_WINDOW({
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t best = wasm_v128_load(x + seed + c);
      v128_t at = wasm_i32x4_add(wasm_i32x4_splat(seed + c), lanes);
      FOR_EACH_LATER_PIXEL({
        v128_t v = wasm_v128_load(x + s), greater = wasm_f32x4_gt(v, best);
        best = wasm_v128_bitselect(v, best, greater);
        at = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(s), lanes), at, greater);
      })
      dx[wasm_i32x4_extract_lane(at, 0)] += dy[o + c];
      dx[wasm_i32x4_extract_lane(at, 1)] += dy[o + c + 1];
      dx[wasm_i32x4_extract_lane(at, 2)] += dy[o + c + 2];
      dx[wasm_i32x4_extract_lane(at, 3)] += dy[o + c + 3];
    }
    for (; c < C; c++) {
      int at = seed + c;
      FOR_EACH_LATER_PIXEL({ if (x[s] > x[at]) at = s; })
      dx[at] += dy[o + c];
    }
  })
}

/*
 * exp and log for float32 in SIMD, as Eigen's vectorized CPU kernels compute them for
 * TensorFlow: range reduction and a polynomial, within 2 ulp of the correctly rounded
 * result (spec/elementwise_wasm.spec.ts sweeps them against Math.exp / Math.log, and
 * checks the special values: NaN, infinities, zeros, subnormal inputs and results).
 * The JS kernels' Math.exp costs about 20 ns an element here.
 */

/* 2^n for integer n in [-126, 127], as a float (its exponent field). */
static inline v128_t pow2i(v128_t n) { return wasm_i32x4_shl(wasm_i32x4_add(n, wasm_i32x4_splat(127)), 23); }

static v128_t exp_f32x4(v128_t x) {
  /* Past these the result is +Infinity or 0 (below half the smallest subnormal). */
  v128_t xc = wasm_f32x4_pmin(wasm_f32x4_splat(88.8f), wasm_f32x4_pmax(wasm_f32x4_splat(-104.0f), x));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(xc, wasm_f32x4_splat(1.44269504088896341f)));
  /* r = x - n ln2, ln2 split so that n * hi is exact (Cody and Waite). */
  v128_t r = wasm_f32x4_sub(xc, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  /* e^r for |r| <= ln2 / 2: Taylor to r^7 (the next term is below 2^-27 relative). */
  v128_t p = wasm_f32x4_splat(1.0f / 5040.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 720.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  /* Scale by 2^n in two halves, so subnormal results (n < -126) round once, correctly,
   * and n = 128 overflows to Infinity as it should. */
  v128_t ni = wasm_i32x4_trunc_sat_f32x4(n);
  v128_t n1 = wasm_i32x4_shr(ni, 1), n2 = wasm_i32x4_sub(ni, n1);
  v128_t result = wasm_f32x4_mul(wasm_f32x4_mul(p, pow2i(n1)), pow2i(n2));
  return wasm_v128_bitselect(x, result, wasm_f32x4_ne(x, x)); /* NaN stays NaN */
}

static v128_t log_f32x4(v128_t x) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  /* Subnormal inputs: scale by 2^23 first so the exponent field is meaningful. */
  v128_t tiny = wasm_f32x4_lt(x, wasm_f32x4_splat(1.17549435e-38f));
  v128_t xs = wasm_v128_bitselect(wasm_f32x4_mul(x, wasm_f32x4_splat(8388608.0f)), x, tiny);
  v128_t bits = xs;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(127));
  e = wasm_i32x4_sub(e, wasm_v128_and(tiny, wasm_i32x4_splat(23)));
  /* m in [1, 2), then in [sqrt(1/2), sqrt(2)) so that |s| below stays small. */
  v128_t m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f800000));
  v128_t big = wasm_f32x4_gt(m, wasm_f32x4_splat(1.41421356f));
  m = wasm_v128_bitselect(wasm_f32x4_mul(m, wasm_f32x4_splat(0.5f)), m, big);
  e = wasm_i32x4_sub(e, big); /* big is all ones (-1) where m was halved: e + 1 */
  /* log(m) = 2 atanh(s) = 2s + s^3 (2/3 + 2/5 s^2 + ...), s = (m - 1) / (m + 1),
   * |s| <= 0.1716: the leading 2s is exact, so the rounding of the small tail adds
   * little to that of s. */
  v128_t s = wasm_f32x4_div(wasm_f32x4_sub(m, one), wasm_f32x4_add(m, one));
  v128_t s2 = wasm_f32x4_mul(s, s);
  v128_t q = wasm_f32x4_splat(2.0f / 9.0f);
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(2.0f / 7.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(2.0f / 5.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(2.0f / 3.0f));
  v128_t logm = wasm_f32x4_add(wasm_f32x4_add(s, s), wasm_f32x4_mul(wasm_f32x4_mul(s, s2), q));
  v128_t ef = wasm_f32x4_convert_i32x4(e);
  /* e ln2 + log(m), ln2 split so that e * hi is exact. */
  v128_t result = wasm_f32x4_add(wasm_f32x4_mul(ef, wasm_f32x4_splat(0.693359375f)),
                                 wasm_f32x4_add(logm, wasm_f32x4_mul(ef, wasm_f32x4_splat(-2.12194440e-4f))));
  /* Special values: log(+0 or -0) = -Infinity, log(negative or NaN) = NaN, log(+Inf) = +Inf. */
  result = wasm_v128_bitselect(wasm_f32x4_splat(-__builtin_inff()), result, wasm_f32x4_eq(x, wasm_f32x4_splat(0.0f)));
  result = wasm_v128_bitselect(wasm_f32x4_splat(__builtin_nanf("")), result, wasm_v128_not(wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f))));
  return wasm_v128_bitselect(x, result, wasm_f32x4_eq(x, wasm_f32x4_splat(__builtin_inff())));
}

/* Applies a vector function to n floats: whole vectors, then the last 1-3 padded with
 * ones into one more vector (built and taken apart lane by lane: no C stack). */
#define DEFINE_MAP(name, f)                                                            \
  static void name(const float *x, float *out, int n) {                                \
    int i = 0;                                                                         \
    for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, f(wasm_v128_load(x + i)));    \
    int k = n - i;                                                                     \
    if (k == 0) return;                                                                \
    v128_t r = f(wasm_f32x4_make(x[i], k > 1 ? x[i + 1] : 1.0f, k > 2 ? x[i + 2] : 1.0f, 1.0f)); \
    out[i] = wasm_f32x4_extract_lane(r, 0);                                            \
    if (k > 1) out[i + 1] = wasm_f32x4_extract_lane(r, 1);                             \
    if (k > 2) out[i + 2] = wasm_f32x4_extract_lane(r, 2);                             \
  }

DEFINE_MAP(map_exp, exp_f32x4)
DEFINE_MAP(map_log, log_f32x4)

__attribute__((export_name("log_f32")))
void log_f32(const float *x, float *out, int n) { map_log(x, out, n); }

__attribute__((export_name("exp_f32")))
void exp_f32(const float *x, float *out, int n) { map_exp(x, out, n); }

/* Softmax over rows of `cols`, as softmaxKernel in Softmax.ts: each row shifted by its
 * maximum (so any logits stay finite), exponentiated, and scaled by 1 / the float64 sum. */
__attribute__((export_name("softmax_f32")))
void softmax_f32(const float *x, float *out, int rows, int cols) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * cols;
    float *o = out + r * cols;
    float max = -__builtin_inff();
    for (int j = 0; j < cols; j++) if (xr[j] > max) max = xr[j];
    /* o = x - max, then exp in place. */
    for (int j = 0; j < cols; j++) o[j] = xr[j] - max;
    map_exp(o, o, cols);
    double sum = 0.0;
    for (int j = 0; j < cols; j++) sum += o[j];
    double inv = 1.0 / sum;
    for (int j = 0; j < cols; j++) o[j] = (float)(o[j] * inv);
  }
}
