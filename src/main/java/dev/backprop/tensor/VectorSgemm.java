package dev.backprop.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float GEMM on the JDK vector API, {@code c = alpha * op(a) * op(b) + beta * c} on column-major arrays, for machines
 * without a native BLAS. netlib's own vector-API {@code sgemm} reaches 25-38 GFLOP/s on one core of the
 * development machines, about as much as its {@code dgemm}, although a float lane is half as wide. This kernel
 * reached 55-89 on the shapes of our layers with AVX-512 (OpenBLAS: about 100), measured before {@code op(b)} was read
 * in place; with AVX2, 65-67 on the 784x128 layer's products and 36-39 on a 10-row output layer's (OpenBLAS: 88-93
 * and 43-46, timed alternately in the same JVM). It is the blocked GEMM of Goto and van de Geijn:
 * <ul>
 *   <li>{@code op(a)} is copied, {@value #MC} rows by {@value #KC} columns at a time, into slivers of
 *       {@code 4 * lanes} rows with AVX-512, {@code 2 * lanes} with AVX2 (then {@code 2 * lanes} or {@code lanes}
 *       rows for the remainder, zero-padded) stored column after column; the copy is where the transpose of
 *       {@code a} is taken;</li>
 *   <li>{@code op(b)} is read in place, {@value #NR} columns at a time, either transpose: a sliver is {@code KC x NR}
 *       floats (6 KB, it stays in L1 while the kernel runs down the slivers of {@code op(a)}), read as six streams of
 *       consecutive floats (untransposed) or six consecutive floats per row. Copying it too, as the textbook does,
 *       cost a fifth of the time of our layers' products, whose {@code op(b)} (a block of examples) is used by few
 *       rows of {@code op(a)} (a layer's width), and more than the product itself on the output layer;</li>
 *   <li>a register-blocked kernel multiplies one sliver of each: {@code 4 x 6} vector accumulators (24 of AVX-512's 32
 *       registers) or {@code 2 x 6} (12 of AVX2's 16, with two loads of {@code a} and one broadcast of {@code b}),
 *       one FMA per accumulator per step of the inner dimension, and adds {@code alpha} times the result into
 *       {@code c}; remainder slivers use the {@code 2 x 6} or a {@code 1 x 6} kernel.</li>
 * </ul>
 * Each thread keeps its own copy buffers. {@link Blas} uses this class for float products only where it is the
 * better choice: no native BLAS, and vectors of at least 8 floats (AVX2 or AVX-512).
 *
 * <p>netlib's vector-API {@code sgemm} must not run in the same JVM: both make the JIT's type profiles of the vector
 * API's shared code polymorphic and then run several times slower (measured: this kernel from 80 to 7 GFLOP/s in a
 * loop calling both). Nothing in the trainer calls netlib's {@code sgemm} while this class is in use; netlib's
 * {@code dgemm} does not disturb it.
 */
final class VectorSgemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Vectors in a full sliver of {@code op(a)}: four where the machine has 32 vector registers (AVX-512: 24
     * accumulators), two where it has 16 (AVX2: 12 accumulators, two loads of {@code a} and one broadcast of
     * {@code b} fill 15 of them).
     */
    private static final int VECTORS = LANES >= 16 ? 4 : 2;
    /** Columns of a sliver of {@code op(b)}. */
    static final int NR = 6;
    /**
     * Inner-dimension block: a sliver of {@code op(b)} ({@code KC x NR} floats, 6 KB) stays in L1 while the kernel
     * runs down the slivers of {@code op(a)}.
     */
    static final int KC = 256;
    /** Rows of {@code op(a)} copied at a time ({@code MC x KC} floats, 128 KB, stay in L2). */
    static final int MC = 128;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** One thread's buffers: the copied block of {@code op(a)}, a tile of results, where a sliver's columns start. */
    private static final class Buffers {
        /** {@code MC x KC}: {@link #MC} is a multiple of every sliver width, so the zero-padding never overflows it. */
        final float[] packedA = new float[MC * KC];
        final float[] tile = new float[4 * LANES * NR];
        final int[] columns = new int[NR];
    }

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
        gemm(VECTORS, transposeA, transposeB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    /** As above with slivers of {@code op(a)} of {@code vectors} vectors (4 or 2), to test both kernels anywhere. */
    static void gemm(int vectors, boolean transposeA, boolean transposeB, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        if (vectors != 2 && vectors != 4) {
            throw new IllegalArgumentException("slivers of 2 or 4 vectors, not " + vectors);
        }
        if (m <= 0 || n <= 0) {
            return;
        }
        scale(m, n, beta, c, co, ldc);
        if (k <= 0 || alpha == 0) {
            return;
        }
        Buffers buffers = BUFFERS.get();
        int mr = vectors * LANES;
        // op(b)(p, j) = b[bo + j * columnStep + p * rowStep]: read where it is, not copied.
        int columnStep = transposeB ? 1 : ldb;
        int rowStep = transposeB ? ldb : 1;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                packA(transposeA, a, ao, lda, ic, mc, pc, kc, mr, buffers.packedA);
                multiplyBlock(mc, n, kc, alpha, mr, buffers, b, bo + pc * rowStep, columnStep, rowStep, c, co + ic,
                        ldc);
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
     * Copies rows {@code ic..ic+mc} and columns {@code pc..pc+kc} of {@code op(a)} into slivers of the widths
     * {@link #sliverWidth} gives, each stored as {@code kc} columns of its width (the last zero-padded).
     */
    private static void packA(boolean transposeA, float[] a, int ao, int lda, int ic, int mc, int pc, int kc, int mr,
                              float[] packed) {
        int base = 0;
        for (int ir = 0; ir < mc; ) {
            int width = sliverWidth(mc - ir, mr);
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

    /**
     * A full sliver while at least {@code mr} rows are left, then two vectors' worth while more than one vector's
     * rows are left (zero-padded: a layer of ten rows on AVX2 runs in the 2 x 6 kernel, which has twice the 1 x 6
     * kernel's accumulators and broadcasts {@code b} half as often per FMA), else one vector's worth.
     */
    private static int sliverWidth(int rowsLeft, int mr) {
        if (rowsLeft >= mr) {
            return mr;
        }
        return rowsLeft > LANES ? 2 * LANES : LANES;
    }

    /**
     * {@code c += alpha * packedA * op(b)} for one copied block of {@code op(a)} and {@code kc} rows of
     * {@code op(b)}, whose element {@code (p, j)} is {@code b[bo + j * columnStep + p * rowStep]}.
     */
    private static void multiplyBlock(int mc, int n, int kc, float alpha, int mr, Buffers buffers, float[] b,
                                      int bo, int columnStep, int rowStep, float[] c, int co, int ldc) {
        float[] packedA = buffers.packedA;
        int[] bColumns = buffers.columns;
        for (int jr = 0; jr < n; jr += NR) {
            int columns = Math.min(NR, n - jr);
            for (int j = 0; j < NR; j++) {
                // Past the last real column, read the last one again: its results are not written back.
                bColumns[j] = bo + (jr + Math.min(j, columns - 1)) * columnStep;
            }
            int aOffset = 0;
            for (int ir = 0; ir < mc; ) {
                int width = sliverWidth(mc - ir, mr);
                int target = co + ir + jr * ldc;
                if (width == 4 * LANES) {
                    kernel4x6(kc, alpha, packedA, aOffset, b, bColumns, rowStep, c, target, ldc, columns,
                            buffers.tile);
                } else if (width == 2 * LANES) {
                    kernel2x6(kc, alpha, packedA, aOffset, b, bColumns, rowStep, c, target, ldc,
                            Math.min(width, mc - ir), columns, buffers.tile);
                } else {
                    kernel1x6(kc, alpha, packedA, aOffset, b, bColumns, rowStep, c, target, ldc,
                            Math.min(LANES, mc - ir), columns, buffers.tile);
                }
                aOffset += width * kc;
                ir += width;
            }
        }
    }

    /**
     * {@code c += alpha * a * b} for a full sliver of a of four vectors' width (AVX-512) and a {@code kc x NR}
     * sliver of b read at {@code pb[bColumns[j] + p * bStep]}.
     */
    private static void kernel4x6(int kc, float alpha, float[] pa, int ao, float[] pb, int[] bColumns, int bStep,
                                  float[] c, int co, int ldc, int columns, float[] tile) {
        final int width = 4 * LANES;
        int b0 = bColumns[0], b1 = bColumns[1], b2 = bColumns[2];
        int b3 = bColumns[3], b4 = bColumns[4], b5 = bColumns[5];
        FloatVector c00 = FloatVector.zero(SPECIES), c10 = c00, c20 = c00, c30 = c00;
        FloatVector c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00;
        FloatVector c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        FloatVector c04 = c00, c14 = c00, c24 = c00, c34 = c00;
        FloatVector c05 = c00, c15 = c00, c25 = c00, c35 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * width;
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, pa, ap + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, pa, ap + 2 * LANES);
            FloatVector a3 = FloatVector.fromArray(SPECIES, pa, ap + 3 * LANES);
            int bp = p * bStep;
            FloatVector b = FloatVector.broadcast(SPECIES, pb[b0 + bp]);
            c00 = a0.fma(b, c00);
            c10 = a1.fma(b, c10);
            c20 = a2.fma(b, c20);
            c30 = a3.fma(b, c30);
            b = FloatVector.broadcast(SPECIES, pb[b1 + bp]);
            c01 = a0.fma(b, c01);
            c11 = a1.fma(b, c11);
            c21 = a2.fma(b, c21);
            c31 = a3.fma(b, c31);
            b = FloatVector.broadcast(SPECIES, pb[b2 + bp]);
            c02 = a0.fma(b, c02);
            c12 = a1.fma(b, c12);
            c22 = a2.fma(b, c22);
            c32 = a3.fma(b, c32);
            b = FloatVector.broadcast(SPECIES, pb[b3 + bp]);
            c03 = a0.fma(b, c03);
            c13 = a1.fma(b, c13);
            c23 = a2.fma(b, c23);
            c33 = a3.fma(b, c33);
            b = FloatVector.broadcast(SPECIES, pb[b4 + bp]);
            c04 = a0.fma(b, c04);
            c14 = a1.fma(b, c14);
            c24 = a2.fma(b, c24);
            c34 = a3.fma(b, c34);
            b = FloatVector.broadcast(SPECIES, pb[b5 + bp]);
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
        c01.intoArray(tile, width);
        c11.intoArray(tile, width + LANES);
        c21.intoArray(tile, width + 2 * LANES);
        c31.intoArray(tile, width + 3 * LANES);
        c02.intoArray(tile, 2 * width);
        c12.intoArray(tile, 2 * width + LANES);
        c22.intoArray(tile, 2 * width + 2 * LANES);
        c32.intoArray(tile, 2 * width + 3 * LANES);
        c03.intoArray(tile, 3 * width);
        c13.intoArray(tile, 3 * width + LANES);
        c23.intoArray(tile, 3 * width + 2 * LANES);
        c33.intoArray(tile, 3 * width + 3 * LANES);
        c04.intoArray(tile, 4 * width);
        c14.intoArray(tile, 4 * width + LANES);
        c24.intoArray(tile, 4 * width + 2 * LANES);
        c34.intoArray(tile, 4 * width + 3 * LANES);
        c05.intoArray(tile, 5 * width);
        c15.intoArray(tile, 5 * width + LANES);
        c25.intoArray(tile, 5 * width + 2 * LANES);
        c35.intoArray(tile, 5 * width + 3 * LANES);
        addTile(tile, width, width, columns, alpha, c, co, ldc);
    }

    /**
     * {@code c += alpha * a * b} for a sliver of a of two vectors' width (AVX2's full sliver, or a remainder) of which
     * the first {@code rows} are real, and a {@code kc x NR} sliver of b read at {@code pb[bColumns[j] + p * bStep]}.
     */
    private static void kernel2x6(int kc, float alpha, float[] pa, int ao, float[] pb, int[] bColumns, int bStep,
                                  float[] c, int co, int ldc, int rows, int columns, float[] tile) {
        final int width = 2 * LANES;
        int b0 = bColumns[0], b1 = bColumns[1], b2 = bColumns[2];
        int b3 = bColumns[3], b4 = bColumns[4], b5 = bColumns[5];
        FloatVector c00 = FloatVector.zero(SPECIES), c10 = c00;
        FloatVector c01 = c00, c11 = c00;
        FloatVector c02 = c00, c12 = c00;
        FloatVector c03 = c00, c13 = c00;
        FloatVector c04 = c00, c14 = c00;
        FloatVector c05 = c00, c15 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * width;
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, pa, ap + LANES);
            int bp = p * bStep;
            FloatVector b = FloatVector.broadcast(SPECIES, pb[b0 + bp]);
            c00 = a0.fma(b, c00);
            c10 = a1.fma(b, c10);
            b = FloatVector.broadcast(SPECIES, pb[b1 + bp]);
            c01 = a0.fma(b, c01);
            c11 = a1.fma(b, c11);
            b = FloatVector.broadcast(SPECIES, pb[b2 + bp]);
            c02 = a0.fma(b, c02);
            c12 = a1.fma(b, c12);
            b = FloatVector.broadcast(SPECIES, pb[b3 + bp]);
            c03 = a0.fma(b, c03);
            c13 = a1.fma(b, c13);
            b = FloatVector.broadcast(SPECIES, pb[b4 + bp]);
            c04 = a0.fma(b, c04);
            c14 = a1.fma(b, c14);
            b = FloatVector.broadcast(SPECIES, pb[b5 + bp]);
            c05 = a0.fma(b, c05);
            c15 = a1.fma(b, c15);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, LANES);
        c01.intoArray(tile, width);
        c11.intoArray(tile, width + LANES);
        c02.intoArray(tile, 2 * width);
        c12.intoArray(tile, 2 * width + LANES);
        c03.intoArray(tile, 3 * width);
        c13.intoArray(tile, 3 * width + LANES);
        c04.intoArray(tile, 4 * width);
        c14.intoArray(tile, 4 * width + LANES);
        c05.intoArray(tile, 5 * width);
        c15.intoArray(tile, 5 * width + LANES);
        addTile(tile, width, rows, columns, alpha, c, co, ldc);
    }

    /**
     * {@code c += alpha * a * b} for a sliver of a of one vector's width of which the first {@code rows} are real, and
     * a {@code kc x NR} sliver of b read at {@code pb[bColumns[j] + p * bStep]}.
     */
    private static void kernel1x6(int kc, float alpha, float[] pa, int ao, float[] pb, int[] bColumns, int bStep,
                                  float[] c, int co, int ldc, int rows, int columns, float[] tile) {
        final int width = LANES;
        int b0 = bColumns[0], b1 = bColumns[1], b2 = bColumns[2];
        int b3 = bColumns[3], b4 = bColumns[4], b5 = bColumns[5];
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c04 = c00;
        FloatVector c05 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * width;
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ap);
            int bp = p * bStep;
            FloatVector b = FloatVector.broadcast(SPECIES, pb[b0 + bp]);
            c00 = a0.fma(b, c00);
            b = FloatVector.broadcast(SPECIES, pb[b1 + bp]);
            c01 = a0.fma(b, c01);
            b = FloatVector.broadcast(SPECIES, pb[b2 + bp]);
            c02 = a0.fma(b, c02);
            b = FloatVector.broadcast(SPECIES, pb[b3 + bp]);
            c03 = a0.fma(b, c03);
            b = FloatVector.broadcast(SPECIES, pb[b4 + bp]);
            c04 = a0.fma(b, c04);
            b = FloatVector.broadcast(SPECIES, pb[b5 + bp]);
            c05 = a0.fma(b, c05);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, width);
        c02.intoArray(tile, 2 * width);
        c03.intoArray(tile, 3 * width);
        c04.intoArray(tile, 4 * width);
        c05.intoArray(tile, 5 * width);
        addTile(tile, width, rows, columns, alpha, c, co, ldc);
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
            int i = 0;
            for (; i + LANES <= rows; i += LANES) {
                FloatVector.fromArray(SPECIES, c, o + i)
                        .add(FloatVector.fromArray(SPECIES, tile, t + i).mul(alpha))
                        .intoArray(c, o + i);
            }
            // The rows past the last whole vector one by one: a masked load and store, whose mask is not known when
            // the code is compiled, cost more than the product itself on a thin layer (AVX2 has no mask registers).
            for (; i < rows; i++) {
                c[o + i] += alpha * tile[t + i];
            }
        }
    }
}
