package dev.backprop.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float GEMM on the JDK vector API, {@code c = alpha * op(a) * op(b) + beta * c} on column-major arrays, for machines
 * without a native BLAS. netlib's own vector-API {@code sgemm} reaches 30-38 GFLOP/s on one core of the
 * development machine, about as much as its {@code dgemm} (30), although a float lane is half as wide; this kernel
 * reaches 55-89 on the shapes of our layers, 65 on the mix of calls of one block's gradient pass (OpenBLAS: about
 * 100). It is the textbook blocked GEMM (Goto and van de Geijn):
 * <ul>
 *   <li>{@code op(b)} is copied, {@value #KC} rows by {@value #NC} columns at a time, into slivers of {@value #NR}
 *       columns stored row after row, zero-padded;</li>
 *   <li>{@code op(a)} is copied, {@value #MC} rows by {@value #KC} columns at a time, into slivers of
 *       {@code 4 * lanes} rows (then {@code lanes} rows for the remainder, zero-padded) stored column after column;
 *       the copies are where the transposes are taken, so one kernel serves all four cases;</li>
 *   <li>a register-blocked kernel multiplies one sliver of each: {@code 4 x 6} vector accumulators (24 registers of
 *       the 32 that AVX-512 has), one FMA per accumulator per step of the inner dimension, and adds
 *       {@code alpha} times the result into {@code c}; remainder slivers use a {@code 1 x 6} kernel with masked
 *       loads and stores.</li>
 * </ul>
 * Each thread keeps its own copy buffers. {@link Blas} uses this class for float products only where it is the
 * better choice: no native BLAS, and vectors of at least 16 floats (below that, as with AVX2's 8, the 24
 * accumulators do not fit in the registers and netlib's kernel is as fast).
 *
 * <p>netlib's vector-API {@code sgemm} must not run in the same JVM: both make the JIT's type profiles of the vector
 * API's shared code polymorphic and then run several times slower (measured: this kernel from 80 to 7 GFLOP/s in a
 * loop calling both). Nothing in the trainer calls netlib's {@code sgemm} while this class is in use; netlib's
 * {@code dgemm} does not disturb it.
 */
final class VectorSgemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of a full sliver of {@code op(a)}: four vectors. */
    private static final int MR = 4 * LANES;
    /** Columns of a sliver of {@code op(b)}. */
    static final int NR = 6;
    /**
     * Inner-dimension block: a sliver of {@code op(b)} ({@code KC x NR} floats, 6 KB) stays in L1 while the kernel
     * runs down the slivers of {@code op(a)}.
     */
    static final int KC = 256;
    /** Rows of {@code op(a)} copied at a time ({@code MC x KC} floats, 128 KB, stay in L2). */
    static final int MC = 128;
    /** Columns of {@code op(b)} copied at a time ({@code KC x NC} floats, 1.5 MB). */
    static final int NC = 1536;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[Math.max(MC, MR) * KC], new float[KC * NC], new float[MR * NR]});

    private VectorSgemm() {
    }

    /** Floats per vector on this machine: 16 with AVX-512, 8 with AVX2. */
    static int lanes() {
        return LANES;
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c} with {@code op(a)} of {@code m x k} and {@code op(b)} of
     * {@code k x n}, column-major from the given offsets with leading dimensions {@code lda, ldb, ldc}, as BLAS's
     * {@code sgemm}. With {@code beta = 0}, {@code c} is not read (NaN there does not survive).
     */
    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        scale(m, n, beta, c, co, ldc);
        if (k <= 0 || alpha == 0) {
            return;
        }
        float[][] buffers = BUFFERS.get();
        float[] packedA = buffers[0];
        float[] packedB = buffers[1];
        float[] tile = buffers[2];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transposeB, b, bo, ldb, pc, kc, jc, nc, packedB);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transposeA, a, ao, lda, ic, mc, pc, kc, packedA);
                    multiplyBlock(mc, nc, kc, alpha, packedA, packedB, tile, c, co + ic + jc * ldc, ldc);
                }
            }
        }
    }

    /** {@code c = beta * c} on the {@code m x n} block; {@code beta = 0} writes zeros without reading. */
    private static void scale(int m, int n, float beta, float[] c, int co, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int j = 0; j < n; j++) {
            int column = co + j * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, column, column + m, 0f);
            } else {
                for (int i = column; i < column + m; i++) {
                    c[i] *= beta;
                }
            }
        }
    }

    /**
     * Copies rows {@code pc..pc+kc} and columns {@code jc..jc+nc} of {@code op(b)} into slivers of {@link #NR}
     * columns, each stored as {@code kc} rows of {@code NR} floats (the last sliver zero-padded).
     */
    private static void packB(boolean transposeB, float[] b, int bo, int ldb, int pc, int kc, int jc, int nc,
                              float[] packed) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc;
            int columns = Math.min(NR, nc - jr);
            if (transposeB) {
                // op(b)(p, j) = b(j, p): the sliver's columns are consecutive floats of column p of b.
                for (int p = 0; p < kc; p++) {
                    int source = bo + (jc + jr) + (pc + p) * ldb;
                    int target = base + p * NR;
                    System.arraycopy(b, source, packed, target, columns);
                    if (columns < NR) {
                        java.util.Arrays.fill(packed, target + columns, target + NR, 0f);
                    }
                }
                continue;
            }
            for (int j = 0; j < NR; j++) {
                if (j >= columns) {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * NR + j] = 0f;
                    }
                } else {
                    // op(b)(p, j) = b(p, j): column j of b, contiguous.
                    int source = bo + pc + (jc + jr + j) * ldb;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * NR + j] = b[source + p];
                    }
                }
            }
        }
    }

    /**
     * Copies rows {@code ic..ic+mc} and columns {@code pc..pc+kc} of {@code op(a)} into slivers of {@link #MR} rows,
     * then of {@link #LANES} rows for what is left, each stored as {@code kc} columns of its width (the last
     * zero-padded).
     */
    private static void packA(boolean transposeA, float[] a, int ao, int lda, int ic, int mc, int pc, int kc,
                              float[] packed) {
        int base = 0;
        for (int ir = 0; ir < mc; ) {
            int width = sliverWidth(mc - ir);
            int rows = Math.min(width, mc - ir);
            if (transposeA) {
                // op(a)(i, p) = a(p, i): row i of the sliver is consecutive floats of column i of a.
                for (int i = 0; i < rows; i++) {
                    int source = ao + pc + (ic + ir + i) * lda;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * width + i] = a[source + p];
                    }
                }
                for (int p = 0; rows < width && p < kc; p++) {
                    java.util.Arrays.fill(packed, base + p * width + rows, base + (p + 1) * width, 0f);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int target = base + p * width;
                    System.arraycopy(a, ao + (ic + ir) + (pc + p) * lda, packed, target, rows);
                    if (rows < width) {
                        java.util.Arrays.fill(packed, target + rows, target + width, 0f);
                    }
                }
            }
            base += width * kc;
            ir += width;
        }
    }

    /** A full sliver while at least {@link #MR} rows are left, else one vector's worth. */
    private static int sliverWidth(int rowsLeft) {
        return rowsLeft >= MR ? MR : LANES;
    }

    /** {@code c += alpha * packedA * packedB} for one copied block of each. */
    private static void multiplyBlock(int mc, int nc, int kc, float alpha, float[] packedA, float[] packedB,
                                      float[] tile, float[] c, int co, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int columns = Math.min(NR, nc - jr);
            int bOffset = jr * kc;
            int aOffset = 0;
            for (int ir = 0; ir < mc; ) {
                int width = sliverWidth(mc - ir);
                int target = co + ir + jr * ldc;
                if (width == MR) {
                    kernel4x6(kc, alpha, packedA, aOffset, packedB, bOffset, c, target, ldc, columns, tile);
                } else {
                    kernel1x6(kc, alpha, packedA, aOffset, packedB, bOffset, c, target, ldc,
                            Math.min(LANES, mc - ir), columns, tile);
                }
                aOffset += width * kc;
                ir += width;
            }
        }
    }

    /** {@code c += alpha * a * b} for a full {@code MR x kc} sliver of a and a {@code kc x NR} sliver of b. */
    private static void kernel4x6(int kc, float alpha, float[] pa, int ao, float[] pb, int bo, float[] c, int co,
                                  int ldc, int columns, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c10 = c00, c20 = c00, c30 = c00;
        FloatVector c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00;
        FloatVector c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        FloatVector c04 = c00, c14 = c00, c24 = c00, c34 = c00;
        FloatVector c05 = c00, c15 = c00, c25 = c00, c35 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * MR;
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, pa, ap + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, pa, ap + 2 * LANES);
            FloatVector a3 = FloatVector.fromArray(SPECIES, pa, ap + 3 * LANES);
            int bp = bo + p * NR;
            FloatVector b = FloatVector.broadcast(SPECIES, pb[bp]);
            c00 = a0.fma(b, c00);
            c10 = a1.fma(b, c10);
            c20 = a2.fma(b, c20);
            c30 = a3.fma(b, c30);
            b = FloatVector.broadcast(SPECIES, pb[bp + 1]);
            c01 = a0.fma(b, c01);
            c11 = a1.fma(b, c11);
            c21 = a2.fma(b, c21);
            c31 = a3.fma(b, c31);
            b = FloatVector.broadcast(SPECIES, pb[bp + 2]);
            c02 = a0.fma(b, c02);
            c12 = a1.fma(b, c12);
            c22 = a2.fma(b, c22);
            c32 = a3.fma(b, c32);
            b = FloatVector.broadcast(SPECIES, pb[bp + 3]);
            c03 = a0.fma(b, c03);
            c13 = a1.fma(b, c13);
            c23 = a2.fma(b, c23);
            c33 = a3.fma(b, c33);
            b = FloatVector.broadcast(SPECIES, pb[bp + 4]);
            c04 = a0.fma(b, c04);
            c14 = a1.fma(b, c14);
            c24 = a2.fma(b, c24);
            c34 = a3.fma(b, c34);
            b = FloatVector.broadcast(SPECIES, pb[bp + 5]);
            c05 = a0.fma(b, c05);
            c15 = a1.fma(b, c15);
            c25 = a2.fma(b, c25);
            c35 = a3.fma(b, c35);
        }
        // Through the tile, not a helper taking the vectors: C2 compiles such a helper apart and then boxes them.
        c00.intoArray(tile, 0);
        c10.intoArray(tile, LANES);
        c20.intoArray(tile, 2 * LANES);
        c30.intoArray(tile, 3 * LANES);
        c01.intoArray(tile, MR);
        c11.intoArray(tile, MR + LANES);
        c21.intoArray(tile, MR + 2 * LANES);
        c31.intoArray(tile, MR + 3 * LANES);
        c02.intoArray(tile, 2 * MR);
        c12.intoArray(tile, 2 * MR + LANES);
        c22.intoArray(tile, 2 * MR + 2 * LANES);
        c32.intoArray(tile, 2 * MR + 3 * LANES);
        c03.intoArray(tile, 3 * MR);
        c13.intoArray(tile, 3 * MR + LANES);
        c23.intoArray(tile, 3 * MR + 2 * LANES);
        c33.intoArray(tile, 3 * MR + 3 * LANES);
        c04.intoArray(tile, 4 * MR);
        c14.intoArray(tile, 4 * MR + LANES);
        c24.intoArray(tile, 4 * MR + 2 * LANES);
        c34.intoArray(tile, 4 * MR + 3 * LANES);
        c05.intoArray(tile, 5 * MR);
        c15.intoArray(tile, 5 * MR + LANES);
        c25.intoArray(tile, 5 * MR + 2 * LANES);
        c35.intoArray(tile, 5 * MR + 3 * LANES);
        addTile(tile, MR, MR, columns, alpha, c, co, ldc);
    }

    /**
     * {@code c += alpha * a * b} for a sliver of a of one vector's width of which the first {@code rows} are real,
     * and a {@code kc x NR} sliver of b of which the first {@code columns} are real.
     */
    private static void kernel1x6(int kc, float alpha, float[] pa, int ao, float[] pb, int bo, float[] c, int co,
                                  int ldc, int rows, int columns, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        for (int p = 0; p < kc; p++) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ao + p * LANES);
            int bp = bo + p * NR;
            c0 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp]), c0);
            c1 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp + 1]), c1);
            c2 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp + 2]), c2);
            c3 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp + 3]), c3);
            c4 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp + 4]), c4);
            c5 = a0.fma(FloatVector.broadcast(SPECIES, pb[bp + 5]), c5);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        c4.intoArray(tile, 4 * LANES);
        c5.intoArray(tile, 5 * LANES);
        addTile(tile, LANES, rows, columns, alpha, c, co, ldc);
    }

    /**
     * {@code c += alpha * tile} for the first {@code rows x columns} of a tile stored column after column,
     * {@code width} floats per column (a multiple of the vector length).
     */
    private static void addTile(float[] tile, int width, int rows, int columns, float alpha, float[] c, int co,
                                int ldc) {
        for (int j = 0; j < columns; j++) {
            int o = co + j * ldc;
            int t = j * width;
            for (int i = 0; i < rows; i += LANES) {
                VectorMask<Float> mask = SPECIES.indexInRange(i, rows);
                FloatVector.fromArray(SPECIES, c, o + i, mask)
                        .add(FloatVector.fromArray(SPECIES, tile, t + i).mul(alpha))
                        .intoArray(c, o + i, mask);
            }
        }
    }
}
