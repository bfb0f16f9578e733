/*
 * 2-D convolutions (NHWC) inside the GEMM's module, so the patch matrix is built, used
 * and consumed in wasm memory without ever being copied: im2col of a block of images
 * into the thread's workspace, then gemm_f32 on it (and, for the input gradient, col2im
 * from the workspace into dx). The patch matrix has one row per output pixel (n, oh, ow)
 * and one column per filter tap (i, j, c), matching the [kh, kw, C, O] filter read as
 * [kh*kw*C, O] (see kernels/cpu/im2col.ts, the JS version of the same layout).
 *
 * Threads share a job and take tasks (runs of whole images) from an atomic counter, as
 * in gemm_job_run, and walk each task in blocks of images whose patch matrix fits the
 * workspace. Forward and input-gradient tasks write disjoint parts of the output. For
 * the filter gradient each task sums its blocks into an accumulator of its own, and
 * conv_sum_accumulators adds those up in task order once every thread is done: the
 * result depends on how the batch is cut into tasks (fixed by the caller), never on
 * which thread ran which task, so runs give the same bits.
 *
 * Like gemm.c, nothing here may use the C stack (tools/build_wasm.ts checks).
 * Pointers in the job are byte addresses in the module's memory.
 */
#include <wasm_simd128.h>
#include "gemm.h"

#define CONV_FORWARD 0
#define CONV_INPUT_GRAD 1
#define CONV_FILTER_GRAD 2

/* Written by WasmGemm.conv (kernels/cpu/wasm/wasm_gemm.ts) as consecutive int32s. */
typedef struct {
  int batch, in_h, in_w, channels, k_h, k_w, stride_h, stride_w, dil_h, dil_w, out_h, out_w, pad_top, pad_left;
  int out_c;
  int kind;
  /* forward: x, w -> y;  input grad: dy, w -> dx;  filter grad: x, dy -> dw */
  const float *first;
  const float *second;
  float *out;
  int images_per_task, ntasks, images_per_block;
  /* Where a thread's patch block and padded image start in its workspace, in floats
   * (the GEMM's own workspace comes first), and the padded image's size. */
  int patch_offset, padded_offset, padded_h, padded_w;
  float *accumulators; /* filter gradient: one per task, accumulator_floats apart */
  int accumulator_floats;
  int next;            /* the next task to take; updated atomically */
  int busy_threads;    /* threads that took at least one task; updated atomically */
} conv_job;

__attribute__((export_name("conv_job_size")))
int conv_job_size(void) { return sizeof(conv_job); }

/* Runs of 4 or more end with one vector overlapping the previous one, so a run of
 * kW*C = 5 floats (a 5-wide filter on one channel) is two vector copies. */
static void copy_run(float *dst, const float *src, int n) {
  if (n < 4) {
    for (int t = 0; t < n; t++) dst[t] = src[t];
    return;
  }
  for (int t = 0; t < n - 4; t += 4) wasm_v128_store(dst + t, wasm_v128_load(src + t));
  wasm_v128_store(dst + n - 4, wasm_v128_load(src + n - 4));
}

static void zero_run(float *dst, int n) {
  if (n < 4) {
    for (int t = 0; t < n; t++) dst[t] = 0.0f;
    return;
  }
  for (int t = 0; t < n - 4; t += 4) wasm_v128_store(dst + t, wasm_f32x4_splat(0.0f));
  wasm_v128_store(dst + n - 4, wasm_f32x4_splat(0.0f));
}

static void add_run(float *dst, const float *src, int n) {
  int t = 0;
  for (; t + 4 <= n; t += 4)
    wasm_v128_store(dst + t, wasm_f32x4_add(wasm_v128_load(dst + t), wasm_v128_load(src + t)));
  for (; t < n; t++) dst[t] += src[t];
}

static inline int min_int(int a, int b) { return a < b ? a : b; }

/*
 * Patches are read from (and, for col2im, added into) one image at a time surrounded
 * by its zero padding: padded_h x padded_w pixels, the image at (pad_top, pad_left),
 * large enough for every window. Every patch row then reads whole runs of pixels
 * without checking the image's edges.
 */

/* Copies one image of x into the padded image, zeroing the padding. */
static void pad_image(const conv_job *g, const float *image, float *padded) {
  const int C = g->channels, line = g->padded_w * C;
  const int left = g->pad_left * C, right = line - left - g->in_w * C;
  for (int r = 0; r < g->padded_h; r++, padded += line) {
    const int ih = r - g->pad_top;
    if (ih < 0 || ih >= g->in_h) {
      zero_run(padded, line);
      continue;
    }
    zero_run(padded, left);
    copy_run(padded + left, image + ih * g->in_w * C, g->in_w * C);
    zero_run(padded + line - right, right);
  }
}

/* Copies the image part of the padded image out to one image of dx. */
static void crop_image(const conv_job *g, const float *padded, float *image) {
  const int C = g->channels, line = g->padded_w * C;
  padded += g->pad_top * line + g->pad_left * C;
  for (int ih = 0; ih < g->in_h; ih++) copy_run(image + ih * g->in_w * C, padded + ih * line, g->in_w * C);
}

/*
 * Moves one image's patch rows between the padded image and the patch matrix cols.
 * gather (im2col): writes every entry of cols. Otherwise (col2im, the transpose): adds
 * each patch row back to the pixels it was read from. One walk serves both so that
 * they cannot disagree on where a tap comes from.
 */
static void move_patches(const conv_job *g, float *padded, float *cols, int gather) {
  const int C = g->channels, line = g->padded_w * C, row_span = g->k_w * C;
  /* Without dilation a filter row's taps are one run of adjacent pixels. */
  const int runs = g->dil_w == 1 ? 1 : g->k_w, run = g->dil_w == 1 ? row_span : C;
  for (int oh = 0; oh < g->out_h; oh++) {
    for (int ow = 0; ow < g->out_w; ow++) {
      float *window = padded + oh * g->stride_h * line + ow * g->stride_w * C;
      for (int i = 0; i < g->k_h; i++, cols += row_span) {
        float *taps = window + i * g->dil_h * line;
        for (int j = 0; j < runs; j++) {
          float *at = taps + j * g->dil_w * C;
          if (gather) copy_run(cols + j * C, at, run);
          else add_run(at, cols + j * C, run);
        }
      }
    }
  }
}

/* im2col of images [n0, n1) of x into cols, through the thread's padded image. */
static void gather_patches(const conv_job *g, const float *x, int n0, int n1, float *padded, float *cols) {
  const int image_floats = g->in_h * g->in_w * g->channels;
  const int patch_floats = g->out_h * g->out_w * g->k_h * g->k_w * g->channels;
  for (int n = n0; n < n1; n++) {
    pad_image(g, x + n * image_floats, padded);
    move_patches(g, padded, cols + (n - n0) * patch_floats, 1);
  }
}

/* col2im of cols into images [n0, n1) of dx (overwritten), through the padded image. */
static void scatter_patches(const conv_job *g, const float *cols, int n0, int n1, float *padded, float *dx) {
  const int image_floats = g->in_h * g->in_w * g->channels;
  const int patch_floats = g->out_h * g->out_w * g->k_h * g->k_w * g->channels;
  for (int n = n0; n < n1; n++) {
    zero_run(padded, g->padded_h * g->padded_w * g->channels);
    move_patches(g, padded, (float *)cols + (n - n0) * patch_floats, 0);
    crop_image(g, padded, dx + n * image_floats);
  }
}

/* A 1x1, stride-1, unpadded window reads each pixel once in order: x is its own patch matrix. */
static int is_pointwise(const conv_job *g) {
  return g->k_h == 1 && g->k_w == 1 && g->stride_h == 1 && g->stride_w == 1 && g->pad_top == 0 &&
         g->pad_left == 0 && g->out_h == g->in_h && g->out_w == g->in_w;
}

/* Images [n0, n1) of the job, with this thread's workspace. Filter gradient: adds the
 * block's product to `accumulator`, or overwrites it when `first_block`. */
static void run_block(const conv_job *g, int n0, int n1, float *work, float *accumulator, int first_block) {
  const int pixels = g->out_h * g->out_w, rows = (n1 - n0) * pixels, out_c = g->out_c;
  const int k = g->k_h * g->k_w * g->channels, image_floats = g->in_h * g->in_w * g->channels;
  const int pointwise = is_pointwise(g);
  float *patches = work + g->patch_offset, *padded = work + g->padded_offset;
  if (g->kind == CONV_FORWARD) {
    const float *a = g->first + n0 * image_floats;
    if (!pointwise) {
      gather_patches(g, g->first, n0, n1, padded, patches);
      a = patches;
    }
    gemm_f32(rows, out_c, k, a, k, 0, g->second, out_c, 0, g->out + n0 * pixels * out_c, out_c, 0, work);
  } else if (g->kind == CONV_INPUT_GRAD) {
    /* dpatches = dy . W^T (W is stored k x out_c), then scattered into this block's images. */
    const float *dy = g->first + n0 * pixels * out_c;
    float *dx = g->out + n0 * image_floats;
    if (pointwise) {
      gemm_f32(rows, k, out_c, dy, out_c, 0, g->second, out_c, 1, dx, k, 0, work);
    } else {
      gemm_f32(rows, k, out_c, dy, out_c, 0, g->second, out_c, 1, patches, k, 0, work);
      scatter_patches(g, patches, n0, n1, padded, g->out);
    }
  } else {
    /* accumulator (+)= patches^T . dy of the block */
    const float *a = g->first + n0 * image_floats;
    if (!pointwise) {
      gather_patches(g, g->first, n0, n1, padded, patches);
      a = patches;
    }
    gemm_f32(k, out_c, rows, a, k, 1, g->second + n0 * pixels * out_c, out_c, 0, accumulator, out_c,
             !first_block, work);
  }
}

/* Takes tasks until none is left. Called by every participating thread (the caller
 * and the pool workers), each with its own workspace. */
__attribute__((export_name("conv_job_run")))
void conv_job_run(conv_job *job, float *work) {
  int taken = 0;
  for (;; taken++) {
    int task = __atomic_fetch_add(&job->next, 1, __ATOMIC_SEQ_CST);
    if (task >= job->ntasks) break;
    int t0 = task * job->images_per_task, t1 = min_int(job->batch, t0 + job->images_per_task);
    float *accumulator = job->accumulators + task * job->accumulator_floats;
    for (int n0 = t0; n0 < t1; n0 += job->images_per_block)
      run_block(job, n0, min_int(t1, n0 + job->images_per_block), work, accumulator, n0 == t0);
  }
  if (taken > 0) __atomic_fetch_add(&job->busy_threads, 1, __ATOMIC_SEQ_CST);
}

/* out[0, n) = the sum of `count` accumulators, the first at `first`, one every `stride` floats. */
__attribute__((export_name("conv_sum_accumulators")))
void conv_sum_accumulators(float *out, const float *first, int stride, int count, int n) {
  copy_run(out, first, n);
  for (int t = 1; t < count; t++) add_run(out, first + t * stride, n);
}
