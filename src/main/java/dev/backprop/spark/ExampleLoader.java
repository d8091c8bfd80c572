package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.data.BlockBuilder;
import dev.backprop.data.ClassWeights;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.TargetEncoding;
import dev.backprop.tensor.Precision;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Loads examples on the executors: lines are read through Hadoop (any path it reads, gzipped or not; a folder
 * reads its files in the order of {@link InputFiles}), parsed where they are read, optionally shuffled across partitions with a seed, and
 * stacked into blocks. The driver never holds the data.
 */
public final class ExampleLoader {

    /** Parses one line; returns null for a line that holds no example. */
    @FunctionalInterface
    public interface LineParser extends java.io.Serializable {
        LabeledPoint parse(String line, String file, long lineNumber);
    }

    private ExampleLoader() {
    }

    /**
     * Every example of {@code path}, parsed on the executors; errors name the file and line. Labels are checked
     * against {@code encoding} as they are read.
     */
    @SuppressWarnings("unchecked")
    public static JavaRDD<LabeledPoint> read(JavaSparkContext spark, String path, LineParser parser,
                                             TargetEncoding encoding) throws IOException {
        Configuration conf = new Configuration(spark.hadoopConfiguration());
        String files = InputFiles.list(path, conf).stream().map(Path::toString)
                .map(ExampleLoader::escapeCommas).collect(Collectors.joining(","));
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                spark.newAPIHadoopFile(files, TextInputFormat.class, LongWritable.class, Text.class, conf);
        return lines.mapPartitionsWithInputSplit((split, records) -> {
            FileSplit fileSplit = (FileSplit) split;
            LineSource source = new LineSource(fileSplit.getPath().toString(), fileSplit.getStart());
            return new ParsingIterator(records, source, parser, encoding);
        }, false);
    }

    /** Hadoop splits an input list at commas; a comma inside a path is escaped. */
    private static String escapeCommas(String path) {
        return path.replace(",", "\\,");
    }

    /**
     * The examples spread over {@code partitions} partitions in a random order that depends only on {@code seed}
     * and the input: each example gets a seeded random key, which picks its partition and its place in it.
     */
    public static JavaRDD<LabeledPoint> shuffle(JavaRDD<LabeledPoint> points, int partitions, long seed) {
        return points.mapPartitionsWithIndex((index, it) -> {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
            List<Tuple2<Long, LabeledPoint>> keyed = new ArrayList<>();
            it.forEachRemaining(p -> keyed.add(new Tuple2<>(random.nextLong(), p)));
            return keyed.iterator();
        }, false).mapToPair(t -> t).repartitionAndSortWithinPartitions(new KeyModuloPartitioner(partitions))
                .values();
    }

    /** The examples of each partition stacked, in order, into blocks of at most {@code blockSize}. */
    public static JavaRDD<Block> toBlocks(JavaRDD<LabeledPoint> points, int features, TargetEncoding encoding,
                                          Precision precision, int blockSize) {
        return toBlocks(points, features, encoding, precision, blockSize, null);
    }

    /**
     * The examples of each partition stacked, in order, into blocks of at most {@code blockSize}, each example
     * weighted by the weight of its class ({@code classWeights}; null for unweighted blocks).
     */
    public static JavaRDD<Block> toBlocks(JavaRDD<LabeledPoint> points, int features, TargetEncoding encoding,
                                          Precision precision, int blockSize, ClassWeights classWeights) {
        return points.mapPartitions(it -> {
            BlockBuilder plain = new BlockBuilder(features, encoding, precision, blockSize);
            BlockBuilder builder = classWeights == null ? plain : plain.withClassWeights(classWeights);
            return new Iterator<Block>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Block next() {
                    List<LabeledPoint> batch = new ArrayList<>(blockSize);
                    while (it.hasNext() && batch.size() < blockSize) {
                        batch.add(it.next());
                    }
                    if (batch.isEmpty()) {
                        throw new NoSuchElementException();
                    }
                    return builder.stack(batch, "partition");
                }
            };
        }, true);
    }

    /** Sends a key to partition {@code key mod n}. */
    static final class KeyModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        KeyModuloPartitioner(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyModuloPartitioner k && k.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /**
     * A line as a String: ASCII bytes (what numeric data files hold) are copied as Latin-1, which is the same text
     * without the UTF-8 decoder's buffers and loops ({@link Text#toString} cost as much as parsing); anything else is
     * decoded as UTF-8.
     */
    static String text(Text line) {
        byte[] bytes = line.getBytes();
        int length = line.getLength();
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return line.toString();
            }
        }
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Parses the lines of one split lazily, keeping count of the line number. */
    private static final class ParsingIterator implements Iterator<LabeledPoint> {
        private final Iterator<Tuple2<LongWritable, Text>> records;
        private final LineSource source;
        private final LineParser parser;
        private final TargetEncoding encoding;
        private long lineInSplit;
        private LabeledPoint next;

        ParsingIterator(Iterator<Tuple2<LongWritable, Text>> records, LineSource source, LineParser parser,
                        TargetEncoding encoding) {
            this.records = records;
            this.source = source;
            this.parser = parser;
            this.encoding = encoding;
        }

        @Override
        public boolean hasNext() {
            while (next == null && records.hasNext()) {
                String line = text(records.next()._2());
                lineInSplit++;
                next = parseChecked(line);
            }
            return next != null;
        }

        private LabeledPoint parseChecked(String line) {
            try {
                LabeledPoint p = parser.parse(line, source.file(), lineInSplit);
                if (p != null) {
                    encoding.check(p.labels(), source.file(), lineInSplit);
                }
                return p;
            } catch (DataFormatException e) {
                throw source.locate(e, lineInSplit);
            }
        }

        @Override
        public LabeledPoint next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LabeledPoint p = next;
            next = null;
            return p;
        }
    }
}
