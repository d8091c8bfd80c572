package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import dev.backprop.data.Block;
import dev.backprop.data.ColumnStatistics;
import dev.backprop.data.CsvProfile;
import dev.backprop.data.CsvRecord;
import dev.backprop.data.ExampleStatistics;
import dev.backprop.data.LabeledPoint;
import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatMatrix;

/**
 * Registers every class the trainer ships between JVMs with a compact serializer, so that
 * {@code spark.kryo.registrationRequired=true} holds: matrices (only their own values), blocks of examples,
 * labelled points, the partial sums of the aggregation, and the arrays and keys around them.
 */
public final class KryoRegistrator implements org.apache.spark.serializer.KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(DoubleMatrix.class, new MatrixSerializer());
        kryo.register(FloatMatrix.class, new MatrixSerializer());
        kryo.register(Block.class, new BlockSerializer());
        kryo.register(LabeledPoint.class, new LabeledPointSerializer());
        kryo.register(PartialSum.class, new PartialSumSerializer());
        kryo.register(EvaluationSums.class, new EvaluationSums.KryoSerializer());
        kryo.register(ColumnStatistics.class, new DataStreamSerializer<>(ColumnStatistics::writeTo, ColumnStatistics::readFrom));
        kryo.register(ExampleStatistics.class, new DataStreamSerializer<>(ExampleStatistics::writeTo, ExampleStatistics::readFrom));
        kryo.register(CsvProfile.class, new DataStreamSerializer<>(CsvProfile::writeTo, CsvProfile::readFrom));
        kryo.register(CsvRecord.class, new TableProfile.RecordSerializer());
        kryo.register(float[].class);
        kryo.register(double[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(Object[].class);
        kryo.register(Block[].class);
        kryo.register(PartialSum[].class);
        kryo.register(LabeledPoint[].class);
        kryo.register(EvaluationSums[].class);
        kryo.register(ExampleStatistics[].class);
        kryo.register(CsvProfile[].class);
        kryo.register(CsvRecord[].class);
    }
}
