package dev.backprop.model;

import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The weights file: the flat parameter vector, value after value, as little-endian IEEE 754 float32 or float64,
 * nothing else. Encoded and decoded in chunks, so a model never needs a second copy of its parameters in memory.
 */
final class WeightsCodec {

    /** A multiple of both value sizes, so that every chunk holds whole values. */
    private static final int CHUNK_BYTES = 1 << 16;

    private WeightsCodec() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * Encodes {@code flat} into {@code out} (may be null: digest only) and returns the SHA-256 of the bytes.
     * Refuses non-finite values with an {@link IllegalArgumentException} naming the parameter.
     */
    static String encode(FlatParameters parameters, OutputStream out) throws IOException {
        Matrix flat = parameters.flat();
        boolean isFloat = flat.precision() == Precision.FLOAT;
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0, n = flat.size(); i < n; i++) {
            double v = flat.get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("parameter " + i + " (" + where(parameters.layout(), i) + ") is "
                        + v + "; a model with non-finite weights cannot be saved (did training diverge?"
                        + " try a smaller learning rate)");
            }
            if (isFloat) {
                buffer.putFloat((float) v);
            } else {
                buffer.putDouble(v);
            }
            if (!buffer.hasRemaining()) {
                flush(buffer, digest, out);
            }
        }
        flush(buffer, digest, out);
        return hex(digest.digest());
    }

    private static void flush(ByteBuffer buffer, MessageDigest digest, OutputStream out) throws IOException {
        digest.update(buffer.array(), 0, buffer.position());
        if (out != null) {
            out.write(buffer.array(), 0, buffer.position());
        }
        buffer.clear();
    }

    /**
     * Reads exactly {@code description.weightsBytes()} bytes into a new parameter vector, then checks that the
     * stream ends there, that the SHA-256 matches, and that every value is finite, in that order.
     */
    static FlatParameters decode(ModelDescription description, InputStream in, String source) throws IOException {
        ParameterLayout layout = new ParameterLayout(description.spec());
        Precision precision = description.precision();
        FlatParameters parameters = FlatParameters.zeros(layout, precision);
        Matrix flat = parameters.flat();
        long expected = description.weightsBytes();
        MessageDigest digest = sha256();
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(expected, 1))];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        long read = 0;
        int index = 0;
        int firstNonFinite = -1;
        while (read < expected) {
            int want = (int) Math.min(chunk.length, expected - read);
            int got = in.readNBytes(chunk, 0, want);
            read += got;
            if (got < want) {
                throw new ModelFormatException(source, "truncated: " + read + " bytes, but " + expected
                        + " expected (" + description.parameterCount() + " " + ModelDescription.precisionName(precision)
                        + " parameters)");
            }
            digest.update(chunk, 0, got);
            buffer.clear();
            for (int end = index + got / precision.bytes(); index < end; index++) {
                double v = precision == Precision.FLOAT ? buffer.getFloat() : buffer.getDouble();
                if (firstNonFinite < 0 && !Double.isFinite(v)) {
                    firstNonFinite = index;
                }
                flat.set(index, v);
            }
        }
        if (in.read() != -1) {
            throw new ModelFormatException(source, "longer than the " + expected + " bytes that "
                    + ModelDescription.DESCRIPTION_FILE + " gives (" + description.parameterCount() + " "
                    + ModelDescription.precisionName(precision) + " parameters)");
        }
        String actual = hex(digest.digest());
        if (!actual.equals(description.weightsSha256())) {
            throw new ModelFormatException(source, "SHA-256 mismatch, expected " + description.weightsSha256()
                    + " got " + actual + " (the file is corrupted or does not belong to this "
                    + ModelDescription.DESCRIPTION_FILE + ")");
        }
        if (firstNonFinite >= 0) {
            throw new ModelFormatException(source, "parameter " + firstNonFinite + " (" + where(layout, firstNonFinite)
                    + ") is " + flat.get(firstNonFinite) + "; a model with non-finite weights cannot be used");
        }
        return parameters;
    }

    /** Which layer's weights or bias index {@code i} of the flat vector belongs to, 1-based as in MlpGraph. */
    static String where(ParameterLayout layout, int i) {
        for (int l = layout.spec().layers() - 1; l >= 0; l--) {
            if (i >= layout.biasOffset(l)) {
                return "b" + (l + 1) + "[" + (i - layout.biasOffset(l)) + "]";
            }
            if (i >= layout.weightOffset(l)) {
                return "W" + (l + 1) + "[" + (i - layout.weightOffset(l)) + "]";
            }
        }
        return "?";
    }
}
