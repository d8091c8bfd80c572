package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.CsvParser;
import dev.backprop.data.CsvProfile;
import dev.backprop.data.CsvRecord;
import dev.backprop.data.DataFormatException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Profiles the training table in one distributed pass, for {@link dev.backprop.data.TableSchema#fit}: the lines are
 * parsed into {@link CsvRecord}s on the executors, every partition adds its records into one {@link CsvProfile}
 * (distinct labels, categories and their counts, count and mean of each numeric column, missing cells), and the
 * driver merges the partitions' profiles in partition index order, so that the result is the same to the bit for the
 * same data and partitioning, whichever task finishes first. Label and category orders do not depend on the
 * partitioning at all; the means only within rounding.
 */
public final class TableProfile {

    private TableProfile() {
    }

    /**
     * The profile of the data at {@code path} (a file or a folder, read as {@link ExampleLoader#read} reads it)
     * through {@code parser}, collecting distinct labels when {@code classification}, with at most
     * {@code maxDistinct} distinct labels and categories per column.
     *
     * @throws IllegalArgumentException naming the column when there were more distinct values than that
     * @throws org.apache.spark.SparkException caused by a {@link DataFormatException} naming file, line and column
     *                                         for a line that cannot be read
     */
    public static CsvProfile fit(JavaSparkContext spark, String path, CsvParser parser, boolean classification,
                                 int maxDistinct) throws IOException {
        return of(records(spark, path, parser), CsvProfile.of(parser, classification, maxDistinct));
    }

    /** {@link #fit(JavaSparkContext, String, CsvParser, boolean, int)} with {@link CsvProfile#DEFAULT_MAX_DISTINCT}. */
    public static CsvProfile fit(JavaSparkContext spark, String path, CsvParser parser, boolean classification)
            throws IOException {
        return fit(spark, path, parser, classification, CsvProfile.DEFAULT_MAX_DISTINCT);
    }

    /**
     * The profile of {@code records}: {@code empty} (an empty profile of their table, which sets what is collected
     * and the cap) filled by each partition, the partitions merged in index order.
     *
     * @throws IllegalArgumentException naming the column when a cap was exceeded ({@link CsvProfile#checkLimits()})
     */
    public static CsvProfile of(JavaRDD<CsvRecord> records, CsvProfile empty) {
        CsvProfile prototype = empty.emptyCopy();
        // collect() returns the elements of partition 0 first, then of partition 1, and so on: exactly one per
        // partition here, so the list is in partition index order
        List<CsvProfile> partitions = records.mapPartitions((Iterator<CsvRecord> it) -> {
            CsvProfile profile = prototype.emptyCopy();
            it.forEachRemaining(profile::add);
            return List.of(profile).iterator();
        }, false).collect();
        if (partitions.size() != records.getNumPartitions()) {
            throw new IllegalStateException("expected the profiles of " + records.getNumPartitions()
                    + " partitions, got " + partitions.size());
        }
        CsvProfile merged = prototype.emptyCopy();
        partitions.forEach(merged::merge);
        merged.checkLimits();
        return merged;
    }

    /**
     * The records of every data line of {@code path}, parsed on the executors by {@code parser} (header lines, as
     * {@link CsvParser#isHeader} tells them, and blank lines dropped); errors name the file and its line.
     */
    @SuppressWarnings("unchecked")
    public static JavaRDD<CsvRecord> records(JavaSparkContext spark, String path, CsvParser parser)
            throws IOException {
        Configuration conf = new Configuration(spark.hadoopConfiguration());
        String files = InputFiles.list(path, conf).stream().map(Path::toString)
                .map(p -> p.replace(",", "\\,")).collect(Collectors.joining(","));
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                spark.newAPIHadoopFile(files, TextInputFormat.class, LongWritable.class, Text.class, conf);
        return lines.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fileSplit = (FileSplit) split;
            LineSource source = new LineSource(fileSplit.getPath().toString(), fileSplit.getStart());
            return new RecordIterator(it, source, parser);
        }, false);
    }

    /** Parses the lines of one split lazily, keeping count of the line number. */
    private static final class RecordIterator implements Iterator<CsvRecord> {
        private final Iterator<Tuple2<LongWritable, Text>> lines;
        private final LineSource source;
        private final CsvParser parser;
        private long lineInSplit;
        private CsvRecord next;

        RecordIterator(Iterator<Tuple2<LongWritable, Text>> lines, LineSource source, CsvParser parser) {
            this.lines = lines;
            this.source = source;
            this.parser = parser;
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                String line = ExampleLoader.text(lines.next()._2());
                lineInSplit++;
                if (!parser.isHeader(line)) {
                    next = parse(line);
                }
            }
            return next != null;
        }

        private CsvRecord parse(String line) {
            try {
                return parser.parseRecord(line, source.file(), lineInSplit);
            } catch (DataFormatException e) {
                throw source.locate(e, lineInSplit);
            }
        }

        @Override
        public CsvRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CsvRecord r = next;
            next = null;
            return r;
        }
    }

    /** Kryo form of a record: label cells, numeric cells (NaN kept), categorical cells (null kept), weight. */
    static final class RecordSerializer extends Serializer<CsvRecord> {
        @Override
        public void write(Kryo kryo, Output output, CsvRecord r) {
            output.writeInt(r.labels().length, true);
            for (String label : r.labels()) {
                output.writeString(label);
            }
            output.writeInt(r.numeric().length, true);
            output.writeDoubles(r.numeric());
            output.writeInt(r.categories().length, true);
            for (String cell : r.categories()) {
                output.writeString(cell);
            }
            output.writeDouble(r.weight());
        }

        @Override
        public CsvRecord read(Kryo kryo, Input input, Class<CsvRecord> type) {
            String[] labels = new String[input.readInt(true)];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = input.readString();
            }
            double[] numeric = input.readDoubles(input.readInt(true));
            String[] categories = new String[input.readInt(true)];
            for (int j = 0; j < categories.length; j++) {
                categories[j] = input.readString();
            }
            return new CsvRecord(labels, numeric, categories, input.readDouble());
        }
    }
}
