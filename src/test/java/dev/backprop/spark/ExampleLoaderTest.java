package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.LibsvmParser;
import dev.backprop.data.TargetEncoding;
import dev.backprop.tensor.Precision;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading LIBSVM through Hadoop on the executors, shuffling with a seed, stacking blocks. */
class ExampleLoaderTest {

    private static final TargetEncoding THREE_CLASSES = new TargetEncoding.OneHot(3);
    private static final ExampleLoader.LineParser FOUR_FEATURES =
            (line, file, number) -> LibsvmParser.parse(line, file, number, 4);
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("ExampleLoaderTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@code n} lines sorted by label: label i*3/n, features 1:i and 4:-i. */
    private static String lines(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i * 3 / n).append(" 1:").append(i).append(" 4:").append(-i).append('\n');
        }
        return text.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, text);
        }
        return file;
    }

    private static List<LabeledPoint> sortedByFirstFeature(List<LabeledPoint> points) {
        List<LabeledPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p.values().length == 0 ? 0 : p.values()[0]));
        return sorted;
    }

    @Test
    void plainAndGzippedFilesGiveTheSameExamples() throws IOException {
        String text = lines(50);
        List<LabeledPoint> plain = ExampleLoader.read(spark, write("a.libsvm", text).toString(), FOUR_FEATURES,
                THREE_CLASSES).collect();
        List<LabeledPoint> gzipped = ExampleLoader.read(spark, write("a.libsvm.gz", text).toString(), FOUR_FEATURES,
                THREE_CLASSES).collect();
        assertEquals(50, plain.size());
        assertEquals(plain, gzipped);
        assertEquals(new LabeledPoint(0, new int[] {0, 3}, new double[] {1, -1}), plain.get(1));
    }

    @Test
    void aMalformedLineIsReportedWithItsFileAndLine() throws IOException {
        String text = lines(20) + "1 1:0.5 2:oops\n" + lines(5);
        for (String name : new String[] {"bad.libsvm", "bad.libsvm.gz"}) {
            Path file = write(name, text);
            Exception e = assertThrows(Exception.class,
                    () -> ExampleLoader.read(spark, file.toString(), FOUR_FEATURES, THREE_CLASSES).count());
            DataFormatException cause = findCause(e);
            assertTrue(cause.getMessage().contains(name), cause.getMessage());
            assertEquals(21, cause.line(), cause.getMessage());
            assertTrue(cause.getMessage().contains("'oops' is not a number"), cause.getMessage());
        }
    }

    @Test
    void lineNumbersAreExactInSplitsThatStartInsideTheFile() throws IOException {
        StringBuilder text = new StringBuilder(lines(3000));
        text.append("7 1:1\n");
        Path file = write("big.libsvm", text.toString());
        org.apache.hadoop.conf.Configuration conf = spark.hadoopConfiguration();
        String previous = conf.get("mapreduce.input.fileinputformat.split.maxsize");
        conf.set("mapreduce.input.fileinputformat.split.maxsize", "4096");
        try {
            JavaRDD<LabeledPoint> points = ExampleLoader.read(spark, file.toString(), FOUR_FEATURES, THREE_CLASSES);
            assertTrue(points.getNumPartitions() > 3, "partitions " + points.getNumPartitions());
            DataFormatException cause = findCause(assertThrows(Exception.class, points::count));
            assertEquals(3001, cause.line(), cause.getMessage());
            assertTrue(cause.getMessage().contains("label 7.0 is not a class in 0..2"), cause.getMessage());
        } finally {
            if (previous == null) {
                conf.unset("mapreduce.input.fileinputformat.split.maxsize");
            } else {
                conf.set("mapreduce.input.fileinputformat.split.maxsize", previous);
            }
        }
    }

    @Test
    void shuffleIsSeededAndMixesTheClassesAcrossPartitions() throws IOException {
        JavaRDD<LabeledPoint> points = ExampleLoader.read(spark, write("s.libsvm", lines(300)).toString(),
                FOUR_FEATURES, THREE_CLASSES);
        List<List<LabeledPoint>> first = partitions(ExampleLoader.shuffle(points, 4, 9));
        List<List<LabeledPoint>> again = partitions(ExampleLoader.shuffle(points.repartition(3), 4, 9));
        List<List<LabeledPoint>> other = partitions(ExampleLoader.shuffle(points, 4, 10));
        assertEquals(4, first.size());
        assertEquals(first, partitions(ExampleLoader.shuffle(points, 4, 9)), "same seed, same input");
        assertNotEquals(first, other, "another seed");
        List<LabeledPoint> all = new ArrayList<>();
        first.forEach(all::addAll);
        assertEquals(sortedByFirstFeature(points.collect()), sortedByFirstFeature(all), "a permutation");
        for (List<LabeledPoint> partition : first) {
            assertEquals(3, partition.stream().mapToDouble(LabeledPoint::label).distinct().count(),
                    "every partition holds every class");
        }
        assertEquals(300, again.stream().mapToInt(List::size).sum());
    }

    @Test
    void blocksStackEachPartitionAndSurviveKryoSerializedCaching() throws IOException {
        JavaRDD<LabeledPoint> points = ExampleLoader.shuffle(ExampleLoader.read(spark,
                write("b.libsvm", lines(100)).toString(), FOUR_FEATURES, THREE_CLASSES), 3, 1);
        JavaRDD<Block> blocks = ExampleLoader.toBlocks(points, 4, THREE_CLASSES, Precision.FLOAT, 16)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<Block> cached = blocks.collect();
        List<Block> again = blocks.collect();
        assertEquals(100, cached.stream().mapToInt(Block::size).sum());
        assertTrue(cached.stream().allMatch(b -> b.size() <= 16 && b.features().rows() == 4));
        assertEquals(Precision.FLOAT, cached.get(0).features().precision());
        for (int i = 0; i < cached.size(); i++) {
            assertEquals(cached.get(i).features().toString(), again.get(i).features().toString());
            assertEquals(cached.get(i).targets().sum(), cached.get(i).size(), "one-hot targets");
        }
        assertTrue(spark.sc().getRDDStorageInfo().length > 0, "cached");
        blocks.unpersist(true);
    }

    /** The points of each partition, in order (glom would ship List[], which Kryo is not told about). */
    private static List<List<LabeledPoint>> partitions(JavaRDD<LabeledPoint> points) {
        List<List<LabeledPoint>> parts = new ArrayList<>();
        for (int i = 0; i < points.getNumPartitions(); i++) {
            parts.add(new ArrayList<>());
        }
        points.mapPartitionsWithIndex((index, it) -> {
            List<scala.Tuple2<Integer, LabeledPoint>> tagged = new ArrayList<>();
            it.forEachRemaining(p -> tagged.add(new scala.Tuple2<>(index, p)));
            return tagged.iterator();
        }, true).collect().forEach(t -> parts.get(t._1()).add(t._2()));
        return parts;
    }

    private static DataFormatException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataFormatException d) {
                return d;
            }
        }
        throw new AssertionError("no DataFormatException in the cause chain", e);
    }

    @Test
    void linesAreTheTextOfTheirBytesAsciiOrNot() {
        for (String line : new String[]{"", "1 3:0.5 7:-2e-3", "malignant,1.5,\"a b\"", "caf\u00e9,2", "\u65e5\u672c,3",
                "emoji \ud83d\ude00 4"}) {
            org.apache.hadoop.io.Text text = new org.apache.hadoop.io.Text(line);
            assertEquals(line, ExampleLoader.text(text), line);
            // A Text reused for a shorter line keeps stale bytes past its length: they must not leak in.
            org.apache.hadoop.io.Text reused = new org.apache.hadoop.io.Text("a much longer previous line, 12345");
            reused.set(line);
            assertEquals(line, ExampleLoader.text(reused), line);
        }
    }
}
