package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Kryo form of a class that writes itself to a {@link DataOutput} and reads itself back from a {@link DataInput}
 * (every double by its bits): the statistics and profiles that partitions send to the driver.
 */
final class DataStreamSerializer<T> extends Serializer<T> {

    /** Writes a value. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T value, DataOutput out) throws IOException;
    }

    /** Reads a value. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    private final Writer<T> writer;
    private final Reader<T> reader;

    DataStreamSerializer(Writer<T> writer, Reader<T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public void write(Kryo kryo, Output output, T value) {
        try {
            writer.write(value, new DataOutputStream(output)); // unbuffered: writes go straight to output
        } catch (IOException e) {
            throw new KryoException(e);
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> type) {
        try {
            return reader.read(new DataInputStream(input));
        } catch (IOException e) {
            throw new KryoException(e);
        }
    }
}
