package dev.backprop.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API bodies of {@link FloatActivations}: whole vectors of the preferred width, then the remainder with
 * the same formula on scalars. Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatActivations {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorFloatActivations() {
    }

    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xo + i);
            one.div(v.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = 1f / (1f + (float) Math.exp(-x[xo + i]));
        }
    }

    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector e = FloatVector.fromArray(SPECIES, x, xo + i).min(FloatActivations.TANH_SATURATION).mul(2f)
                    .lanewise(VectorOperators.EXPM1);
            e.div(e.add(2f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = FloatActivations.tanh(x[xo + i]);
        }
    }

    static void addWherePositive(float[] t, int to, float[] g, int go, float[] x, int xo, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, xo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(SPECIES, t, to + i).add(FloatVector.fromArray(SPECIES, g, go + i), positive)
                    .intoArray(t, to + i);
        }
        for (; i < n; i++) {
            if (x[xo + i] > 0) {
                t[to + i] += g[go + i];
            }
        }
    }

    static void leakyRelu(float[] x, int xo, float[] y, int yo, int n, float slope) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xo + i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = v > 0 ? v : slope * v;
        }
    }

    static void addLeaky(float[] t, int to, float[] g, int go, float[] x, int xo, int n, float slope) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, go + i);
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, xo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(SPECIES, t, to + i).add(gv.mul(slope).blend(gv, positive)).intoArray(t, to + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            t[to + i] += x[xo + i] > 0 ? gi : slope * gi;
        }
    }
}
