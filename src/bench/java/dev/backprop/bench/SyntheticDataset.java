package dev.backprop.bench;

import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A deterministic synthetic classification set, dense (every feature present), written once as gzipped LIBSVM part
 * files (one per partition) and reused: example {@code i} draws its class and features from a generator seeded by
 * {@code i} alone, features are the class's prototype plus noise, clipped to [0.001, 1] with 3 decimals.
 */
final class SyntheticDataset {

    private SyntheticDataset() {
    }

    /** The folder of the set, written under {@code root} if it is not there yet. */
    static Path ensure(JavaSparkContext spark, Path root, long examples, int features, int classes, int files)
            throws IOException {
        Path dir = root.resolve("synthetic-" + examples + "x" + features + "-c" + classes + "-p" + files)
                .toAbsolutePath();
        if (Files.exists(dir.resolve("_SUCCESS"))) {
            return dir;
        }
        Path partial = root.resolve(dir.getFileName() + ".partial").toAbsolutePath();
        deleteRecursively(partial);
        Files.createDirectories(root);
        List<Integer> parts = new ArrayList<>();
        IntStream.range(0, files).forEach(parts::add);
        spark.parallelize(parts, files)
                .flatMap(part -> lines(examples * part / files, examples * (part + 1) / files, features, classes))
                .saveAsTextFile(partial.toUri().toString(), GzipCodec.class);
        deleteRecursively(dir);
        Files.move(partial, dir);
        return dir;
    }

    private static Iterator<String> lines(long from, long to, int features, int classes) {
        double[][] prototypes = prototypes(features, classes);
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public String next() {
                return line(next++, prototypes);
            }
        };
    }

    private static double[][] prototypes(int features, int classes) {
        SplittableRandom random = new SplittableRandom(20261127L);
        double[][] prototypes = new double[classes][features];
        for (double[] prototype : prototypes) {
            for (int j = 0; j < features; j++) {
                prototype[j] = random.nextDouble();
            }
        }
        return prototypes;
    }

    static String line(long index, double[][] prototypes) {
        SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (index + 1));
        int label = random.nextInt(prototypes.length);
        double[] prototype = prototypes[label];
        StringBuilder sb = new StringBuilder(prototype.length * 10);
        sb.append(label);
        for (int j = 0; j < prototype.length; j++) {
            double noise = (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 0.5;
            long milli = Math.round(Math.min(1, Math.max(0.001, prototype[j] + noise)) * 1000);
            sb.append(' ').append(j + 1).append(':');
            if (milli == 1000) {
                sb.append('1');
            } else {
                sb.append("0.");
                if (milli < 100) {
                    sb.append('0');
                }
                if (milli < 10) {
                    sb.append('0');
                }
                sb.append(milli);
            }
        }
        return sb.toString();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
