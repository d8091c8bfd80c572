package dev.backprop.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Reads, on the driver, the first line of the first file of a path (a CSV header), decompressing as Hadoop would.
 * For a folder the first file by name is used, skipping hidden files and Spark's {@code _SUCCESS} markers.
 */
public final class FirstLine {

    /** A file and its first line. */
    public record Result(String file, String line) {
    }

    private FirstLine() {
    }

    public static Result of(String pathText, Configuration conf) throws IOException {
        Path path = new Path(pathText);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new IOException("input path does not exist: " + pathText);
        }
        FileStatus status = matches[0];
        if (status.isDirectory()) {
            FileStatus[] files = Arrays.stream(fs.listStatus(status.getPath()))
                    .filter(f -> f.isFile() && !f.getPath().getName().startsWith(".")
                            && !f.getPath().getName().startsWith("_"))
                    .sorted(Comparator.comparing(f -> f.getPath().getName()))
                    .toArray(FileStatus[]::new);
            if (files.length == 0) {
                throw new IOException("input folder holds no data file: " + pathText);
            }
            status = files[0];
        }
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(status.getPath());
        try (InputStream raw = fs.open(status.getPath());
             InputStream in = codec == null ? raw : codec.createInputStream(raw);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("input file is empty: " + status.getPath());
            }
            return new Result(status.getPath().toString(), line);
        }
    }
}
