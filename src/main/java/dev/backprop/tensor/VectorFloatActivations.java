package dev.backprop.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API bodies of {@link FloatActivations}: whole vectors of the preferred width, then the remainder through
 * {@link FloatActivations.Scalar}, the same formulas on scalars. Only loaded when the {@code jdk.incubator.vector}
 * module is present.
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
        FloatActivations.Scalar.sigmoid(x, xo + i, y, yo + i, n - i);
    }

    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector e = FloatVector.fromArray(SPECIES, x, xo + i).min(FloatActivations.TANH_SATURATION).mul(2f)
                    .lanewise(VectorOperators.EXPM1);
            e.div(e.add(2f)).intoArray(y, yo + i);
        }
        FloatActivations.Scalar.tanh(x, xo + i, y, yo + i, n - i);
    }

    static void addWherePositive(float[] t, int to, float[] g, int go, float[] x, int xo, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, xo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(SPECIES, t, to + i).add(FloatVector.fromArray(SPECIES, g, go + i), positive)
                    .intoArray(t, to + i);
        }
        FloatActivations.Scalar.addWherePositive(t, to + i, g, go + i, x, xo + i, n - i);
    }

    static void leakyRelu(float[] x, int xo, float[] y, int yo, int n, float slope) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xo + i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
        FloatActivations.Scalar.leakyRelu(x, xo + i, y, yo + i, n - i, slope);
    }

    static void addLeaky(float[] t, int to, float[] g, int go, float[] x, int xo, int n, float slope) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, go + i);
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, xo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(SPECIES, t, to + i).add(gv.mul(slope).blend(gv, positive)).intoArray(t, to + i);
        }
        FloatActivations.Scalar.addLeaky(t, to + i, g, go + i, x, xo + i, n - i, slope);
    }
}
