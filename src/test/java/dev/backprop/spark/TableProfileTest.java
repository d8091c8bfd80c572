package dev.backprop.spark;

import dev.backprop.data.CsvOptions;
import dev.backprop.data.CsvParser;
import dev.backprop.data.CsvProfile;
import dev.backprop.data.CsvRecord;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.MissingValues;
import dev.backprop.data.TableSchema;
import dev.backprop.data.TargetEncoding;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile pass on Spark against the same profile computed on one machine, for 1 to 4 partitions. */
class TableProfileTest {

    private static final String HEADER = "id,tiny,color,huge,shape,offset,label";
    private static final String[] COLORS = {"red", "green", "blue", "Red", "teal"};
    private static final String[] SHAPES = {"circle", "square", "triangle"};
    private static final String[] LABELS = {"cat", "dog", "bird", " dog", "cat "};
    private static final int ROWS = 3000;
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("TableProfileTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static CsvParser parser() {
        CsvOptions options = CsvOptions.builder().header(true).label("label").ignore("id").categorical("color", "shape")
                .missing(MissingValues.MEAN).missingTexts("?").build();
        return CsvParser.create(options, HEADER, "train.csv");
    }

    /** Columns on wildly different scales, about 5% missing cells, text labels with stray whitespace. */
    private static List<String> lines() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String tiny = random.nextDouble() < 0.05 ? "" : fmt(1e-3 * random.nextGaussian());
            String color = random.nextDouble() < 0.05 ? "?" : COLORS[random.nextInt(COLORS.length)];
            String huge = random.nextDouble() < 0.05 ? "" : fmt(2500 + 1e6 * random.nextDouble());
            String shape = SHAPES[random.nextInt(SHAPES.length)];
            String offset = fmt(1e8 + random.nextDouble());
            lines.add(i + "," + tiny + "," + color + "," + huge + "," + shape + "," + offset + ","
                    + LABELS[random.nextInt(LABELS.length)]);
        }
        return lines;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    private static CsvProfile singleMachine(CsvParser parser, List<String> lines) {
        CsvProfile profile = CsvProfile.of(parser, true);
        for (int i = 0; i < lines.size(); i++) {
            profile.add(parser.parseRecord(lines.get(i), "train.csv", i + 2));
        }
        return profile;
    }

    /** Writes {@code lines} as {@code parts} files with a header each, in order. */
    private Path writeParts(List<String> lines, int parts, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        int per = (lines.size() + parts - 1) / parts;
        for (int p = 0; p < parts; p++) {
            List<String> part = new ArrayList<>();
            part.add(HEADER);
            part.addAll(lines.subList(Math.min(lines.size(), p * per), Math.min(lines.size(), (p + 1) * per)));
            Files.write(folder.resolve(String.format(Locale.ROOT, "part-%05d.csv", p)), part);
        }
        return folder;
    }

    private static void assertSameProfile(CsvProfile expected, CsvProfile actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.numNumeric(), actual.numNumeric());
        for (int j = 0; j < expected.numNumeric(); j++) {
            assertEquals(expected.count(j), actual.count(j));
            assertEquals(expected.numericMissing(j), actual.numericMissing(j));
            assertEquals(expected.mean(j), actual.mean(j), 1e-12 * Math.abs(expected.mean(j)), "mean " + j);
        }
        for (int j = 0; j < expected.numCategorical(); j++) {
            assertEquals(expected.categoryCounts(j), actual.categoryCounts(j));
            assertEquals(expected.categoricalMissing(j), actual.categoricalMissing(j));
        }
    }

    /** The means computed apart, in two passes: sum of the present cells, then divided by their count. */
    private static double[] twoPassMeans(List<String> lines) {
        int[] columns = {1, 3, 5};
        double[] means = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            double sum = 0;
            long n = 0;
            for (String line : lines) {
                String cell = line.split(",", -1)[columns[j]];
                if (!cell.isEmpty()) {
                    sum += Double.parseDouble(cell);
                    n++;
                }
            }
            means[j] = sum / n;
        }
        return means;
    }

    @Test
    void filesReadInOneToFourPartitionsGiveTheSingleMachineProfile() throws IOException {
        CsvParser parser = parser();
        List<String> lines = lines();
        CsvProfile expected = singleMachine(parser, lines);
        double[] twoPass = twoPassMeans(lines);
        for (int j = 0; j < twoPass.length; j++) {
            assertEquals(twoPass[j], expected.mean(j), 1e-12 * Math.abs(twoPass[j]));
        }
        TableSchema reference = TableSchema.fit(parser, expected, true);
        assertEquals(List.of("bird", "cat", "dog"), reference.labelMap().labels());
        assertEquals(List.of("Red", "blue", "green", "red", "teal"), reference.encoder("color").categories());

        for (int parts = 1; parts <= 4; parts++) {
            Path folder = writeParts(lines, parts, "parts" + parts);
            assertEquals(parts, TableProfile.records(spark, folder.toString(), parser).getNumPartitions());
            CsvProfile profile = TableProfile.fit(spark, folder.toString(), parser, true);
            assertSameProfile(expected, profile);
            TableSchema schema = TableSchema.fit(parser, profile, true);
            assertEquals(reference.labelMap(), schema.labelMap());
            assertEquals(reference.featureNames(), schema.featureNames());
            assertEquals(reference.state().categories(), schema.state().categories());
            double[] a = reference.means();
            double[] b = schema.means();
            for (int f = 0; f < a.length; f++) {
                assertEquals(a[f], b[f], 1e-12 * Math.abs(a[f]), "feature " + f);
            }
        }
    }

    @Test
    void recordsInOneToFourPartitionsGiveTheSingleMachineProfile() {
        CsvParser parser = parser();
        List<String> lines = lines();
        CsvProfile expected = singleMachine(parser, lines);
        List<CsvRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            records.add(parser.parseRecord(lines.get(i), "train.csv", i + 2));
        }
        for (int partitions = 1; partitions <= 4; partitions++) {
            JavaRDD<CsvRecord> rdd = spark.parallelize(records, partitions);
            CsvProfile first = TableProfile.of(rdd, CsvProfile.of(parser, true));
            assertSameProfile(expected, first);
            CsvProfile again = TableProfile.of(rdd, CsvProfile.of(parser, true));
            for (int j = 0; j < first.numNumeric(); j++) {
                assertEquals(Double.doubleToLongBits(first.mean(j)), Double.doubleToLongBits(again.mean(j)),
                        "same partitioning, same bits");
            }
        }
        assertEquals(records, spark.parallelize(records, 3).collect()); // records travel through Kryo intact
    }

    @Test
    void theSchemaReadsTheTrainingDataIntoPoints() throws IOException {
        CsvParser parser = parser();
        List<String> lines = lines().subList(0, 200);
        Path folder = writeParts(lines, 2, "points");
        TableSchema schema = TableSchema.fit(parser, TableProfile.fit(spark, folder.toString(), parser, true), true);
        TableSchema.Parser points = schema.parser(parser);
        List<LabeledPoint> read = ExampleLoader.read(spark, folder.toString(), points::parse,
                new TargetEncoding.OneHot(schema.numClasses())).collect();
        assertEquals(200, read.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(points.parse(lines.get(i), "local", i + 2), read.get(i));
        }
        assertEquals(1 + 5 + 1 + 3 + 1, read.get(0).values().length);
    }

    @Test
    void aBadCellNamesItsFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(lines().subList(0, 40));
        lines.set(24, "24,0.5,red,oops,circle,1,cat"); // the 5th data line of the second file: its line 6
        Path folder = writeParts(lines, 2, "bad");
        Exception e = assertThrows(Exception.class, () -> TableProfile.fit(spark, folder.toString(), parser(), true));
        DataFormatException cause = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataFormatException d) {
                cause = d;
            }
        }
        assertTrue(cause != null, e.toString());
        assertTrue(cause.source().endsWith("part-00001.csv"), cause.source());
        assertEquals(6, cause.line());
        assertEquals("column 'huge' (index 3): 'oops' is not a number (a column of categories must be declared"
                + " categorical)", cause.problem());
    }

    @Test
    void tooManyCategoriesNamesTheColumnOnTheDriver() throws IOException {
        Path folder = writeParts(lines(), 3, "capped");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableProfile.fit(spark, folder.toString(), parser(), true, 4));
        assertEquals("categorical column 'color' (index 2) has more than 4 distinct values in the training data,"
                + " too many to one-hot encode (ignore the column, or do not declare it categorical if it holds"
                + " numbers)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TableProfile.fit(spark, folder.toString(), parser(), true, 2));
        assertTrue(e.getMessage().startsWith("the label column 'label' (index 6) has more than 2 distinct values"),
                e.getMessage());
    }

    @Test
    void regressionCollectsNoLabels() throws IOException {
        CsvParser parser = CsvParser.create(CsvOptions.builder().header(true).label("y").build(), "x,y", "f");
        Path file = dir.resolve("reg.csv");
        Files.write(file, List.of("x,y", "1,10.5", "2,", "3,12"));
        // an empty label is an error even for a profile: every row needs one
        assertThrows(Exception.class, () -> TableProfile.fit(spark, file.toString(), parser, false));
        Files.write(file, List.of("x,y", "1,10.5", "2,11", "3,12"));
        CsvProfile profile = TableProfile.fit(spark, file.toString(), parser, false);
        assertEquals(3, profile.rows());
        assertEquals(0, profile.labels().size());
        assertEquals(2.0, profile.mean(0), 1e-15);
    }
}
