package dev.backprop.tensor;

import java.util.Locale;

/** The floating-point type in which a matrix stores its values. */
public enum Precision {
    /** 32-bit IEEE floats: half the memory and about twice the GEMM rate of {@link #DOUBLE}. */
    FLOAT,
    /** 64-bit IEEE doubles: what gradient checks use. */
    DOUBLE;

    /** Parses {@code float}/{@code float32} or {@code double}/{@code float64}, case-insensitively. */
    public static Precision parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float": case "float32": return FLOAT;
            case "double": case "float64": return DOUBLE;
            default: throw new IllegalArgumentException(
                    "unknown precision '" + text + "'; allowed: float (float32), double (float64)");
        }
    }

    /** {@code value} as a matrix of this precision stores it: rounded to the nearest float for {@link #FLOAT}. */
    public double round(double value) {
        return this == FLOAT ? (float) value : value;
    }

    /** Bytes taken by one value. */
    public int bytes() {
        return this == FLOAT ? Float.BYTES : Double.BYTES;
    }
}
