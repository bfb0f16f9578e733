/* The GEMM's entry point, for other kernels linked into the same module (gemm.c). */
#ifndef TENSORGRAPH_GEMM_H
#define TENSORGRAPH_GEMM_H

/* C[m x n] (=|+=) op(A) * op(B), row-major with row strides lda/ldb/ldc as stored;
 * work: gemm_workspace_floats() floats owned by the calling thread. */
void gemm_f32(int m, int n, int k, const float *a, int lda, int trans_a, const float *b, int ldb,
              int trans_b, float *c, int ldc, int accumulate, float *work);
int gemm_workspace_floats(void);

#endif
