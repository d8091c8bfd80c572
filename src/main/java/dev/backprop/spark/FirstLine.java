package dev.backprop.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads, on the driver, the first line of the first file of a path (a CSV header), decompressing as Hadoop would;
 * files are taken in the order of {@link InputFiles}.
 */
public final class FirstLine {

    /** A file and its first line. */
    public record Result(String file, String line) {
    }

    private FirstLine() {
    }

    public static Result of(String pathText, Configuration conf) throws IOException {
        Path file = InputFiles.list(pathText, conf).get(0);
        FileSystem fs = file.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        try (InputStream raw = fs.open(file);
             InputStream in = codec == null ? raw : codec.createInputStream(raw);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("input file is empty: " + file);
            }
            return new Result(file.toString(), line);
        }
    }
}
