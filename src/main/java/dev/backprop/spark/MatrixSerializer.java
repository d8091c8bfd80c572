package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;

/**
 * Kryo form of a matrix: rows, columns, then exactly its {@code rows * cols} values (a view writes only its own
 * range, never the whole array it shares). Reads back a matrix of the written class with its own array.
 */
final class MatrixSerializer extends Serializer<Matrix> {

    @Override
    public void write(Kryo kryo, Output output, Matrix m) {
        output.writeInt(m.rows(), true);
        output.writeInt(m.cols(), true);
        if (m instanceof FloatMatrix f) {
            float[] data = f.data();
            for (int i = f.offset(), end = f.offset() + f.size(); i < end; i++) {
                output.writeFloat(data[i]);
            }
        } else {
            double[] data = ((DoubleMatrix) m).data();
            for (int i = m.offset(), end = m.offset() + m.size(); i < end; i++) {
                output.writeDouble(data[i]);
            }
        }
    }

    @Override
    public Matrix read(Kryo kryo, Input input, Class<Matrix> type) {
        int rows = input.readInt(true);
        int cols = input.readInt(true);
        int size = Math.multiplyExact(rows, cols);
        if (FloatMatrix.class.equals(type)) {
            return new FloatMatrix(input.readFloats(size), 0, rows, cols);
        }
        return new DoubleMatrix(input.readDoubles(size), 0, rows, cols);
    }
}
