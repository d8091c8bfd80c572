package dev.backprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads a whole local LIBSVM file (gzipped when its name ends in {@code .gz}) into memory, for one JVM. */
public final class LibsvmFiles {

    private LibsvmFiles() {
    }

    /** All examples of {@code path}, in file order. */
    public static List<LabeledPoint> read(Path path, int numFeatures) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return read(in, path.toString(), numFeatures);
        }
    }

    /** All examples of a stream named {@code source} in messages. */
    public static List<LabeledPoint> read(InputStream in, String source, int numFeatures) throws IOException {
        List<LabeledPoint> points = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            LabeledPoint p = LibsvmParser.parse(line, source, ++number, numFeatures);
            if (p != null) {
                points.add(p);
            }
        }
        return points;
    }
}
