/*
 * Single-precision GEMM for WebAssembly SIMD (128-bit), in the GotoBLAS/BLIS shape:
 *   C[m x n] (=|+=) op(A)[m x k] * op(B)[k x n], all row-major with row strides.
 * op(B) is packed in KC x NR column strips and op(A) in MR x KC row strips, so the
 * micro-kernel reads both operands sequentially; the transposes are absorbed by the
 * packing. The MR x NR block of C stays in SIMD registers for the whole k loop.
 *
 * Built by tools/build_wasm.ts (clang --target=wasm32 -msimd128 -matomics). The code
 * must not use the C stack: several threads run it on one shared memory, each with
 * its own workspace, and they would otherwise share one stack region. The build
 * checks that nothing refers to __stack_pointer.
 */
#include <wasm_simd128.h>
#include "gemm.h"

/* Micro-tile 4 x 8: 8 accumulators + 2 B vectors + 1 A broadcast + 1 product. V8 gives
 * wasm 15 SIMD registers on x64; taller tiles (5x8, 6x8, 3x12) were measured to spill
 * and run 30-40% slower, 2x16 ran the same as 4x8. */
#ifndef MR
#define MR 4
#endif
#ifndef NV
#define NV 2
#endif
#define NR (4 * NV)
/* Cache blocking: a KC x NR strip of B (8 KiB) stays in L1, the MC x KC block of A
 * (128 KiB) in L2, the KC x NC panel of B (2 MiB) in L3. Speed was flat within noise
 * for KC in 128..512 and MC in 64..256. */
#ifndef KC
#define KC 256
#endif
#ifndef MC
#define MC 128
#endif
#define NC 2048

/* Per-thread workspace: packed A block, packed B panel, and an edge tile. */
#define WORK_PACK_A 0
#define WORK_PACK_B (WORK_PACK_A + MC * KC)
#define WORK_TILE (WORK_PACK_B + KC * NC)
#define WORK_FLOATS (WORK_TILE + MR * NR)

__attribute__((export_name("gemm_workspace_floats")))
int gemm_workspace_floats(void) { return WORK_FLOATS; }

__attribute__((export_name("gemm_mr")))
int gemm_mr(void) { return MR; }

__attribute__((export_name("gemm_nr")))
int gemm_nr(void) { return NR; }

/* Packs rows [0, mc) x cols [0, kc) of op(A) (already offset to the block's corner) as
 * ceil(mc/MR) strips; each strip holds, for every p, MR consecutive row values. Rows
 * past mc are zero so the micro-kernel never needs a row count. */
static void pack_a(int mc, int kc, const float *a, int lda, int trans, float *dst) {
  for (int i0 = 0; i0 < mc; i0 += MR) {
    int rows = mc - i0 < MR ? mc - i0 : MR;
    if (!trans) {
      const float *r0 = a + i0 * lda;
      for (int p = 0; p < kc; p++) {
        if (rows == MR) {
          for (int i = 0; i < MR; i++) dst[i] = r0[i * lda + p];
        } else {
          for (int i = 0; i < MR; i++) dst[i] = i < rows ? r0[i * lda + p] : 0.0f;
        }
        dst += MR;
      }
    } else {
      /* op(A)[i][p] = A[p][i]: each p contributes MR contiguous values. */
      for (int p = 0; p < kc; p++) {
        const float *src = a + p * lda + i0;
        if (rows == MR) {
          for (int i = 0; i < MR; i++) dst[i] = src[i];
        } else {
          for (int i = 0; i < MR; i++) dst[i] = i < rows ? src[i] : 0.0f;
        }
        dst += MR;
      }
    }
  }
}

/* Width of the B strip starting at column j0 of an nc-wide panel: NR, except that a
 * last strip of at most 4 columns is packed 4 wide and run by the one-vector kernel
 * (n = 10, as in MNIST's output layer, then wastes 2 columns of 12 instead of 6 of 16). */
static inline int strip_width(int nc, int j0) { return nc - j0 <= 4 ? 4 : NR; }

/* Packs rows [0, kc) x cols [0, nc) of op(B) as strips (see strip_width); each strip
 * holds, for every p, its columns' values, zero-padded past nc. Strip j0 starts at
 * j0 * kc: every strip before the last is NR wide. */
static void pack_b(int kc, int nc, const float *b, int ldb, int trans, float *dst) {
  for (int j0 = 0; j0 < nc; j0 += NR) {
    int width = strip_width(nc, j0);
    int cols = nc - j0 < width ? nc - j0 : width;
    if (!trans) {
      for (int p = 0; p < kc; p++) {
        const float *row = b + p * ldb + j0;
        if (cols == NR) {
          for (int v = 0; v < NV; v++) wasm_v128_store(dst + 4 * v, wasm_v128_load(row + 4 * v));
        } else {
          for (int j = 0; j < width; j++) dst[j] = j < cols ? row[j] : 0.0f;
        }
        dst += width;
      }
    } else {
      /* op(B)[p][j] = B[j][p]: gather one value from each row of B in the strip. */
      const float *r0 = b + j0 * ldb;
      for (int p = 0; p < kc; p++) {
        if (cols == NR) {
          for (int j = 0; j < NR; j++) dst[j] = r0[j * ldb + p];
        } else {
          for (int j = 0; j < width; j++) dst[j] = j < cols ? r0[j * ldb + p] : 0.0f;
        }
        dst += width;
      }
    }
  }
}

/* c[MR x NR] (=|+=) the product of one packed A strip and one packed B strip: the hot
 * loop. clang fully unrolls the accumulator arrays into SIMD locals and unrolls the k
 * loop 4x by itself (forcing other unroll counts measured slower). */
static void micro_kernel(int kc, const float *pa, const float *pb, float *c, int ldc, int accumulate) {
  v128_t acc[MR][NV];
#pragma unroll
  for (int i = 0; i < MR; i++)
#pragma unroll
    for (int v = 0; v < NV; v++) acc[i][v] = wasm_f32x4_splat(0.0f);
  for (int p = 0; p < kc; p++) {
    v128_t bv[NV];
#pragma unroll
    for (int v = 0; v < NV; v++) bv[v] = wasm_v128_load(pb + 4 * v);
#pragma unroll
    for (int i = 0; i < MR; i++) {
      v128_t av = wasm_v128_load32_splat(pa + i);
#pragma unroll
      for (int v = 0; v < NV; v++) acc[i][v] = wasm_f32x4_add(acc[i][v], wasm_f32x4_mul(av, bv[v]));
    }
    pa += MR;
    pb += NR;
  }
#pragma unroll
  for (int i = 0; i < MR; i++) {
    float *cr = c + i * ldc;
#pragma unroll
    for (int v = 0; v < NV; v++) {
      v128_t x = accumulate ? wasm_f32x4_add(acc[i][v], wasm_v128_load(cr + 4 * v)) : acc[i][v];
      wasm_v128_store(cr + 4 * v, x);
    }
  }
}

/* The common case: the micro-kernel over one packed A block and one packed B panel of
 * full-width strips. Edge tiles are computed into the workspace tile and only their
 * valid part is written to C. The narrow and in-place cases live in their own loop
 * (macro_kernel_general) because mixing them in here measured 6-10% slower: V8
 * allocates registers for the whole function, and the hot loop lost some. */
static void macro_kernel(int mc, int nc, int kc, const float *packed_a, const float *packed_b,
                         float *c, int ldc, int accumulate, float *tile) {
  for (int j0 = 0; j0 < nc; j0 += NR) {
    int cols = nc - j0 < NR ? nc - j0 : NR;
    const float *pb = packed_b + j0 * kc;
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = mc - i0 < MR ? mc - i0 : MR;
      const float *pa = packed_a + i0 * kc;
      float *cij = c + i0 * ldc + j0;
      if (rows == MR && cols == NR) {
        micro_kernel(kc, pa, pb, cij, ldc, accumulate);
      } else {
        micro_kernel(kc, pa, pb, tile, NR, 0);
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            float v = tile[i * NR + j];
            cij[i * ldc + j] = accumulate ? cij[i * ldc + j] + v : v;
          }
        }
      }
    }
  }
}

/*
 * c[MR x 4*NVEC] (=|+=) op(A) rows times one packed B strip of NVEC vectors. NVEC is a
 * literal so that clang unrolls the accumulator arrays into SIMD locals (no stack).
 * A_SETUP / A_VALUE(i) / A_NEXT say where row i's value for the current step is:
 *  - packed A strip: at a[i], the strip advancing MR floats per step; the constant
 *    offsets fold into the loads, so a step is 2 + MR loads and 2 * MR * NVEC arithmetic;
 *  - A read in place: row i at a + i * rsa, step p at p * csa. Rows past `rows` repeat
 *    the last valid row (their results are dropped), so no read leaves the matrix.
 */
#define PACKED_A_SETUP
#define PACKED_A_VALUE(i) (a + (i))
#define PACKED_A_NEXT a += MR;
#define IN_PLACE_A_SETUP                                                        \
  const float *ar[MR];                                                          \
  for (int i = 0; i < MR; i++) ar[i] = a + (i < rows ? i : rows - 1) * rsa;
#define IN_PLACE_A_VALUE(i) (ar[i] + p * csa)
#define IN_PLACE_A_NEXT

#define MICRO_TILE(name, NVEC, A_SETUP, A_VALUE, A_NEXT)                                           \
  __attribute__((noinline)) static void name(int kc, const float *a, int rsa, int csa, int rows,   \
                                             const float *pb, float *c, int ldc, int accumulate) {  \
    (void)rsa; (void)csa; (void)rows;                                                              \
    A_SETUP                                                                                        \
    v128_t acc[MR][NVEC];                                                                          \
    for (int i = 0; i < MR; i++)                                                                   \
      for (int v = 0; v < NVEC; v++) acc[i][v] = wasm_f32x4_splat(0.0f);                           \
    for (int p = 0; p < kc; p++) {                                                                 \
      v128_t bv[NVEC];                                                                             \
      for (int v = 0; v < NVEC; v++) bv[v] = wasm_v128_load(pb + 4 * v);                           \
      for (int i = 0; i < MR; i++) {                                                               \
        v128_t av = wasm_v128_load32_splat(A_VALUE(i));                                            \
        for (int v = 0; v < NVEC; v++) acc[i][v] = wasm_f32x4_add(acc[i][v], wasm_f32x4_mul(av, bv[v])); \
      }                                                                                            \
      pb += 4 * NVEC;                                                                              \
      A_NEXT                                                                                       \
    }                                                                                              \
    for (int i = 0; i < MR; i++) {                                                                 \
      float *cr = c + i * ldc;                                                                     \
      for (int v = 0; v < NVEC; v++) {                                                             \
        v128_t x = accumulate ? wasm_f32x4_add(acc[i][v], wasm_v128_load(cr + 4 * v)) : acc[i][v]; \
        wasm_v128_store(cr + 4 * v, x);                                                            \
      }                                                                                            \
    }                                                                                              \
  }

/* The general loop's kernels besides micro_kernel: packed A by a 4-wide B strip, and
 * A read in place by a full or a 4-wide strip. */
MICRO_TILE(tile_packed_narrow, 1, PACKED_A_SETUP, PACKED_A_VALUE, PACKED_A_NEXT)
MICRO_TILE(tile_in_place, NV, IN_PLACE_A_SETUP, IN_PLACE_A_VALUE, IN_PLACE_A_NEXT)
MICRO_TILE(tile_in_place_narrow, 1, IN_PLACE_A_SETUP, IN_PLACE_A_VALUE, IN_PLACE_A_NEXT)

/* One MR-row tile of C against the B strip at pb, writing straight to C when the tile
 * is whole; edge tiles go through the workspace tile and only their valid part is
 * written. packed_a null: A is read in place at a with strides rsa, csa. */
__attribute__((noinline)) static void run_tile(int kc, const float *packed_a, const float *a, int rsa, int csa,
                                               int rows, const float *pb, int width, int cols, float *c, int ldc,
                                               int accumulate, float *tile) {
  int whole = rows == MR && cols == width;
  float *dst = whole ? c : tile;
  int dst_ld = whole ? ldc : width, dst_acc = whole ? accumulate : 0;
  if (packed_a) {
    if (width == NR) micro_kernel(kc, packed_a, pb, dst, dst_ld, dst_acc);
    else tile_packed_narrow(kc, packed_a, 1, MR, MR, pb, dst, dst_ld, dst_acc);
  } else {
    if (width == NR) tile_in_place(kc, a, rsa, csa, rows, pb, dst, dst_ld, dst_acc);
    else tile_in_place_narrow(kc, a, rsa, csa, rows, pb, dst, dst_ld, dst_acc);
  }
  if (!whole) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        float v = tile[i * width + j];
        c[i * ldc + j] = accumulate ? c[i * ldc + j] + v : v;
      }
    }
  }
}

/* Runs the tiles of one A block (packed, or in place when packed_a is null) against
 * one packed B panel whose last strip may be 4 wide. */
__attribute__((noinline)) static void macro_kernel_general(int mc, int nc, int kc, const float *packed_a,
                                                           const float *a, int rsa, int csa, const float *packed_b,
                                                           float *c, int ldc, int accumulate, float *tile) {
  for (int j0 = 0; j0 < nc; j0 += NR) {
    int width = strip_width(nc, j0);
    int cols = nc - j0 < width ? nc - j0 : width;
    const float *pb = packed_b + j0 * kc;
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = mc - i0 < MR ? mc - i0 : MR;
      run_tile(kc, packed_a ? packed_a + i0 * kc : 0, a + i0 * rsa, rsa, csa, rows, pb, width, cols,
               c + i0 * ldc + j0, ldc, accumulate, tile);
    }
  }
}


/*
 * Narrow products: n < NARROW_N columns (not a multiple of NR), as in a dense layer with few outputs (MNIST's
 * 10 classes) and its weight gradient. The packed kernel computes such a C in 8- and
 * 4-wide strips, so 2 of 12 lanes idle at n = 10, and reads A once per strip with
 * scalar broadcasts. Two forms that keep every lane busy instead:
 *  - A not transposed: each C value is a dot product of a row of A with a column of
 *    op(B); the SIMD lanes run along k over contiguous rows of A and of op(B)
 *    transposed, 2 rows x up to 4 columns of C in 8 accumulators, summed across lanes
 *    at the end (a partial sum per lane, like any blocked dot product).
 *  - A transposed (A stored k x m, the dW = x^T dy of a dense layer): the lanes run
 *    along i over contiguous rows of the stored A, 8 rows x up to 5 columns of C per
 *    tile, op(B)[p][j] broadcast; the tile is written transposed at the end.
 * op(B) is first packed into the workspace (as each form reads it), in blocks of
 * NARROW_KD steps of k.
 */
#ifndef NARROW_N
#define NARROW_N 16
#endif
#define NARROW_KD (KC * NC / NARROW_N)
/* Columns of C per tile. The outer-product tile holds 2 x 5 accumulators, plus 2 A
 * vectors, a broadcast and a product: 14 of the 15 SIMD registers V8 gives wasm on
 * x64. The dot tile measured fastest at 2 x 4 (at 2 x 5 it ran 35% slower at n = 10:
 * its extra live pointer and row vector tip it into spilling). */
#ifndef NARROW_DOT_G
#define NARROW_DOT_G 4
#endif
#define NARROW_OUTER_G 5
#ifndef NARROW_DOT_MIN_K
#define NARROW_DOT_MIN_K 32
#endif
#ifndef NARROW_OUTER_MIN_M
#define NARROW_OUTER_MIN_M 8
#endif

static inline float lane_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

static inline void store_c(float *c, float v, int accumulate) { *c = accumulate ? *c + v : v; }

/* C[R x G] (=|+=) rows of A (stride lda) . G columns of op(B), over kd steps of k. pb
 * holds the columns interleaved by 4 steps of k (for each 4 steps, G vectors), then
 * the last kd % 4 steps as G scalars each: one pointer walks it with constant offsets,
 * which V8 folds into the loads. */
#define DOT_TILE(name, R, G)                                                                    \
  __attribute__((noinline)) static void name(int kd, const float *a, int lda, const float *pb,  \
                                             float *c, int ldc, int accumulate) {               \
    v128_t acc[R][G];                                                                           \
    _Pragma("unroll") for (int r = 0; r < R; r++)                                               \
      _Pragma("unroll") for (int g = 0; g < G; g++) acc[r][g] = wasm_f32x4_splat(0.0f);         \
    const float *a0 = a, *a1 = a + (R > 1 ? lda : 0);                                           \
    int steps4 = kd >> 2;                                                                       \
    for (int s = 0; s < steps4; s++) {                                                          \
      v128_t av0 = wasm_v128_load(a0), av1 = wasm_v128_load(a1);                                \
      _Pragma("unroll") for (int g = 0; g < G; g++) {                                           \
        v128_t bv = wasm_v128_load(pb + 4 * g);                                                 \
        acc[0][g] = wasm_f32x4_add(acc[0][g], wasm_f32x4_mul(av0, bv));                         \
        if (R > 1) acc[R - 1][g] = wasm_f32x4_add(acc[R - 1][g], wasm_f32x4_mul(av1, bv));      \
      }                                                                                         \
      a0 += 4; a1 += 4; pb += 4 * G;                                                            \
    }                                                                                           \
    _Pragma("unroll") for (int r = 0; r < R; r++)                                               \
      _Pragma("unroll") for (int g = 0; g < G; g++) {                                           \
        float sum = lane_sum(acc[r][g]);                                                        \
        const float *ar = r ? a1 : a0;                                                          \
        for (int q = 0; q < (kd & 3); q++) sum += ar[q] * pb[q * G + g];                        \
        store_c(c + r * ldc + g, sum, accumulate);                                              \
      }                                                                                         \
  }

DOT_TILE(dot_2x1, 2, 1) DOT_TILE(dot_2x2, 2, 2) DOT_TILE(dot_2x3, 2, 3) DOT_TILE(dot_2x4, 2, 4)
DOT_TILE(dot_1x1, 1, 1) DOT_TILE(dot_1x2, 1, 2) DOT_TILE(dot_1x3, 1, 3) DOT_TILE(dot_1x4, 1, 4)

/* Splits n columns into the fewest tiles of at most max_g, evenly (max_g 5: 10 -> 5 + 5, 8 -> 4 + 4). */
static inline int narrow_tile_width(int n, int max_g) {
  int tiles = (n + max_g - 1) / max_g;
  return (n + tiles - 1) / tiles;
}

/* Calls the tile function prefix##g(args) for a tile width g of 1 to 4 (or 5). */
#define TILE_SWITCH_4(prefix, args)                                                     \
  switch (g) {                                                                          \
    case 1: prefix##1 args; break;                                                      \
    case 2: prefix##2 args; break;                                                      \
    case 3: prefix##3 args; break;                                                      \
    default: prefix##4 args; break;                                                     \
  }
#define TILE_SWITCH_5(prefix, args)                                                     \
  if (g == 5) prefix##5 args;                                                           \
  else TILE_SWITCH_4(prefix, args)

static void dot_rows(int rows, int g, int kd, const float *a, int lda, const float *pb, float *c, int ldc,
                     int accumulate) {
  if (rows == 2) { TILE_SWITCH_4(dot_2x, (kd, a, lda, pb, c, ldc, accumulate)) }
  else { TILE_SWITCH_4(dot_1x, (kd, a, lda, pb, c, ldc, accumulate)) }
}

/* C (=|+=) A op(B) by dot products; A m x k not transposed. op(B) is packed column
 * group by column group (each group of g columns takes g * kd floats, laid out as
 * DOT_TILE reads them). */
static void narrow_dot(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int trans_b,
                       float *c, int ldc, int accumulate, float *work) {
  int width = narrow_tile_width(n, NARROW_DOT_G);
  float *packed = work + WORK_PACK_B;
  /* op(B)[p][j] lies at b[p * rs + j * cs]. */
  int rs = trans_b ? 1 : ldb, cs = trans_b ? ldb : 1;
  for (int pc = 0; pc < k; pc += NARROW_KD) {
    int kd = k - pc < NARROW_KD ? k - pc : NARROW_KD, kd4 = kd & ~3;
    for (int j0 = 0; j0 < n; j0 += width) {
      int g = n - j0 < width ? n - j0 : width;
      float *dst = packed + j0 * kd;
      for (int p = 0; p < kd4; p += 4)
        for (int j = 0; j < g; j++)
          for (int l = 0; l < 4; l++) *dst++ = b[(pc + p + l) * rs + (j0 + j) * cs];
      for (int p = kd4; p < kd; p++)
        for (int j = 0; j < g; j++) *dst++ = b[(pc + p) * rs + (j0 + j) * cs];
    }
    int acc = accumulate || pc > 0;
    for (int i = 0; i < m; i += 2) {
      int rows = m - i < 2 ? 1 : 2;
      for (int j0 = 0; j0 < n; j0 += width) {
        int g = n - j0 < width ? n - j0 : width;
        dot_rows(rows, g, kd, a + i * lda + pc, lda, packed + j0 * kd, c + i * ldc + j0, ldc, acc);
      }
    }
  }
}

/* Writes lane l of v (row i0 + 4 * vi + l of C) to column g. */
#define STORE_LANES(v, row0, g)                                                                \
  store_c(c + ((row0) + 0) * ldc + (g), wasm_f32x4_extract_lane(v, 0), accumulate);           \
  store_c(c + ((row0) + 1) * ldc + (g), wasm_f32x4_extract_lane(v, 1), accumulate);           \
  store_c(c + ((row0) + 2) * ldc + (g), wasm_f32x4_extract_lane(v, 2), accumulate);           \
  store_c(c + ((row0) + 3) * ldc + (g), wasm_f32x4_extract_lane(v, 3), accumulate);

/* C[4V x G] (=|+=) sum over p of A[p][0..4V) (outer) pb[p][0..G), pb rows n apart. */
#define OUTER_TILE(name, V, G)                                                                  \
  __attribute__((noinline)) static void name(int kd, const float *a, int lda, const float *pb,  \
                                             int n, float *c, int ldc, int accumulate) {        \
    v128_t acc[G][V];                                                                           \
    _Pragma("unroll") for (int g = 0; g < G; g++)                                                                 \
      _Pragma("unroll") for (int v = 0; v < V; v++) acc[g][v] = wasm_f32x4_splat(0.0f);                           \
    for (int p = 0; p < kd; p++) {                                                              \
      v128_t av[V];                                                                             \
      _Pragma("unroll") for (int v = 0; v < V; v++) av[v] = wasm_v128_load(a + p * lda + 4 * v);                  \
      _Pragma("unroll") for (int g = 0; g < G; g++) {                                                             \
        v128_t bv = wasm_v128_load32_splat(pb + p * n + g);                                     \
        _Pragma("unroll") for (int v = 0; v < V; v++) acc[g][v] = wasm_f32x4_add(acc[g][v], wasm_f32x4_mul(av[v], bv)); \
      }                                                                                         \
    }                                                                                           \
    _Pragma("unroll") for (int g = 0; g < G; g++)                                                                 \
      _Pragma("unroll") for (int v = 0; v < V; v++) { STORE_LANES(acc[g][v], 4 * v, g) }                          \
  }

OUTER_TILE(outer_8x1, 2, 1) OUTER_TILE(outer_8x2, 2, 2) OUTER_TILE(outer_8x3, 2, 3) OUTER_TILE(outer_8x4, 2, 4) OUTER_TILE(outer_8x5, 2, 5)
OUTER_TILE(outer_4x1, 1, 1) OUTER_TILE(outer_4x2, 1, 2) OUTER_TILE(outer_4x3, 1, 3) OUTER_TILE(outer_4x4, 1, 4) OUTER_TILE(outer_4x5, 1, 5)

static void outer_rows(int rows, int g, int kd, const float *a, int lda, const float *pb, int n, float *c,
                       int ldc, int accumulate) {
  if (rows == 8) { TILE_SWITCH_5(outer_8x, (kd, a, lda, pb, n, c, ldc, accumulate)) }
  else { TILE_SWITCH_5(outer_4x, (kd, a, lda, pb, n, c, ldc, accumulate)) }
}

/* C (=|+=) A^T op(B) by outer products; A stored k x m. Rows of C past the last
 * multiple of 4 are summed in scalar code. */
static void narrow_outer(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int trans_b,
                         float *c, int ldc, int accumulate, float *work) {
  int width = narrow_tile_width(n, NARROW_OUTER_G);
  float *pb = work + WORK_PACK_B;
  for (int pc = 0; pc < k; pc += NARROW_KD) {
    int kd = k - pc < NARROW_KD ? k - pc : NARROW_KD;
    for (int p = 0; p < kd; p++)
      for (int j = 0; j < n; j++) pb[p * n + j] = trans_b ? b[j * ldb + pc + p] : b[(pc + p) * ldb + j];
    const float *ak = a + pc * lda;
    int acc = accumulate || pc > 0;
    int i = 0;
    for (; i + 4 <= m; i += m - i >= 8 ? 8 : 4) {
      int rows = m - i >= 8 ? 8 : 4;
      for (int j = 0; j < n; j += width) {
        int g = n - j < width ? n - j : width;
        outer_rows(rows, g, kd, ak + i, lda, pb + j, n, c + i * ldc + j, ldc, acc);
      }
    }
    for (; i < m; i++)
      for (int j = 0; j < n; j++) {
        float s = 0.0f;
        for (int p = 0; p < kd; p++) s += ak[p * lda + i] * pb[p * n + j];
        store_c(c + i * ldc + j, s, acc);
      }
  }
}

/*
 * C (=|+=) op(A) * op(B). lda/ldb/ldc are the row strides of A, B and C as stored
 * (A is m x k, or k x m when trans_a; B is k x n, or n x k when trans_b).
 * work: gemm_workspace_floats() floats owned by the calling thread.
 */
__attribute__((export_name("gemm_f32")))
void gemm_f32(int m, int n, int k, const float *a, int lda, int trans_a, const float *b, int ldb,
              int trans_b, float *c, int ldc, int accumulate, float *work) {
  if (k == 0) {
    if (!accumulate)
      for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) c[i * ldc + j] = 0.0f;
    return;
  }
  /* Multiples of NR leave no lane idle in the packed kernel, which then measured
   * 5-10% faster than the narrow forms. */
  int narrow = n < NARROW_N && n % NR != 0;
  if (narrow && !trans_a && k >= NARROW_DOT_MIN_K) {
    narrow_dot(m, n, k, a, lda, b, ldb, trans_b, c, ldc, accumulate, work);
    return;
  }
  if (narrow && trans_a && m >= NARROW_OUTER_MIN_M) {
    narrow_outer(m, n, k, a, lda, b, ldb, trans_b, c, ldc, accumulate, work);
    return;
  }
  float *pa = work + WORK_PACK_A, *pb = work + WORK_PACK_B, *tile = work + WORK_TILE;
  for (int jc = 0; jc < n; jc += NC) {
    int nc = n - jc < NC ? n - jc : NC;
    /* A packed block serves ceil(nc / NR) strips of B; for one or two strips, reading
     * A in place is cheaper than the extra pass that packing costs. */
    int pack_a_pays = nc > 2 * NR;
    int narrow_strip = nc % NR != 0 && nc % NR <= 4;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = k - pc < KC ? k - pc : KC;
      const float *b_block = trans_b ? b + jc * ldb + pc : b + pc * ldb + jc;
      pack_b(kc, nc, b_block, ldb, trans_b, pb);
      int acc = accumulate || pc > 0;
      for (int ic = 0; ic < m; ic += MC) {
        int mc = m - ic < MC ? m - ic : MC;
        const float *a_block = trans_a ? a + pc * lda + ic : a + ic * lda + pc;
        if (pack_a_pays) pack_a(mc, kc, a_block, lda, trans_a, pa);
        if (pack_a_pays && !narrow_strip)
          macro_kernel(mc, nc, kc, pa, pb, c + ic * ldc + jc, ldc, acc, tile);
        else
          macro_kernel_general(mc, nc, kc, pack_a_pays ? pa : 0, a_block, trans_a ? 1 : lda,
                               trans_a ? lda : 1, pb, c + ic * ldc + jc, ldc, acc, tile);
      }
    }
  }
}

/*
 * A product shared by several threads: C is cut into nchunks bands of chunk rows
 * (split_n == 0) or chunk columns (split_n != 0), and each thread calling gemm_job_run
 * takes the next band until none is left, so a thread that starts late or runs on a
 * busy core simply does fewer bands.
 */
typedef struct {
  int m, n, k;
  const float *a;
  int lda, trans_a;
  const float *b;
  int ldb, trans_b;
  float *c;
  int ldc, accumulate;
  int split_n, chunk, nchunks;
  int next; /* the next band to take; updated atomically */
} gemm_job;

__attribute__((export_name("gemm_job_size")))
int gemm_job_size(void) { return sizeof(gemm_job); }

__attribute__((export_name("gemm_job_run")))
void gemm_job_run(gemm_job *job, float *work) {
  for (;;) {
    int band = __atomic_fetch_add(&job->next, 1, __ATOMIC_SEQ_CST);
    if (band >= job->nchunks) return;
    int start = band * job->chunk;
    if (job->split_n) {
      int len = job->n - start < job->chunk ? job->n - start : job->chunk;
      const float *b = job->trans_b ? job->b + start * job->ldb : job->b + start;
      gemm_f32(job->m, len, job->k, job->a, job->lda, job->trans_a, b, job->ldb, job->trans_b,
               job->c + start, job->ldc, job->accumulate, work);
    } else {
      int len = job->m - start < job->chunk ? job->m - start : job->chunk;
      const float *a = job->trans_a ? job->a + start : job->a + start * job->lda;
      gemm_f32(len, job->n, job->k, a, job->lda, job->trans_a, job->b, job->ldb, job->trans_b,
               job->c + start * job->ldc, job->ldc, job->accumulate, work);
    }
  }
}
