package dev.backprop.spark;

import dev.backprop.data.CsvOptions;
import dev.backprop.data.CsvParser;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.MissingValues;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
import dev.backprop.model.ModelFormatException;
import dev.backprop.model.TestModels;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.MlpGraph;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and loading model directories through Hadoop's FileSystem, atomically; no SparkContext needed. */
class ModelStoreTest {

    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration();

    @ParameterizedTest
    @EnumSource(Precision.class)
    void saveAndLoadRoundTrip(Precision precision) throws IOException {
        TrainedModel model = TestModels.model(precision);
        String path = dir.resolve("nested/parents/model").toString();
        ModelStore.save(model, path, conf);

        assertEquals(List.of("model.json", "weights.bin"), names(dir.resolve("nested/parents/model")));
        assertEquals(List.of("model"), names(dir.resolve("nested/parents")));
        TrainedModel back = ModelStore.load(path, conf);
        assertEquals(model.spec(), back.spec());
        assertEquals(model.training(), back.training());
        assertArrayEquals(model.parameters().flat().toDoubleArray(), back.parameters().flat().toDoubleArray());
        Matrix x = Matrix.zeros(precision, model.spec().inputs(), 3);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, Math.sin(i));
        }
        assertArrayEquals(new MlpGraph(model.parameters()).predict(x).toDoubleArray(),
                new MlpGraph(back.parameters()).predict(x).toDoubleArray());
    }

    @Test
    void saveLoadAndPredictWithLabelsCategoriesAndScaling() throws IOException {
        TrainedModel model = new TrainedModel(TestModels.model(TestModels.BINARY_SPEC, Precision.DOUBLE, 21)
                .parameters(), TestModels.training(), TestModels.classificationPreprocessing());
        String path = dir.resolve("classifier").toString();
        ModelStore.save(model, path, conf);
        TrainedModel back = ModelStore.load(path, conf);
        assertEquals(model.preprocessing(), back.preprocessing());
        assertTrue(Files.readString(dir.resolve("classifier/model.json")).contains("\"version\": 2"));

        // raw CSV rows in, original labels out: the same through the loaded model as through the saved one
        CsvOptions options = CsvOptions.builder().header(true).label("diagnosis").categorical("color", "site")
                .missing(MissingValues.MEAN).build();
        String header = "age,color,diagnosis,height,site";
        List<String> rows = List.of("40,red,malignant,170.5,b", "63,blue,benign,,c", "18,,benign,181,a",
                "35.5,red,malignant,160,");
        List<String> expected = predict(model, options, header, rows);
        assertEquals(expected, predict(back, options, header, rows));
        assertEquals(rows.size(), expected.size());
        for (String label : expected) {
            assertTrue(label.startsWith("benign ") || label.startsWith("malignant "), label);
        }
    }

    @Test
    void saveLoadAndPredictARegressionOnTheOriginalScale() throws IOException {
        TrainedModel model = new TrainedModel(TestModels.model(TestModels.REGRESSION_SPEC, Precision.FLOAT, 8)
                .parameters(), TestModels.training(), TestModels.regressionPreprocessing());
        String path = dir.resolve("regression").toString();
        ModelStore.save(model, path, conf);
        TrainedModel back = ModelStore.load(path, conf);
        assertEquals(model.preprocessing(), back.preprocessing());
        CsvOptions options = CsvOptions.builder().header(true).label("price").categorical("zone").build();
        String header = "rooms,area,zone,price";
        List<String> rows = List.of("3,2400,north,260000", "5,9000,south,990000");
        List<String> expected = predict(model, options, header, rows);
        assertEquals(expected, predict(back, options, header, rows));
    }

    /**
     * What predict does with a model's preprocessing, by hand: rows through the stored table schema, features
     * through the feature scaler, the network, then the original label (with the row's label, read through the
     * label map) or the target on the original scale.
     */
    private static List<String> predict(TrainedModel model, CsvOptions options, String header, List<String> rows) {
        Preprocessing p = model.preprocessing();
        TableSchema.Parser parser = p.schema().parser(CsvParser.create(options, header, "rows.csv"));
        List<String> out = new java.util.ArrayList<>();
        long line = 2;
        for (String row : rows) {
            LabeledPoint point = p.features().apply(parser.parse(row, "rows.csv", line++));
            Matrix x = Matrix.zeros(model.precision(), model.spec().inputs(), 1);
            for (int k = 0; k < point.indices().length; k++) {
                x.set(point.indices()[k], 0, point.values()[k]);
            }
            double y = new MlpGraph(model.parameters()).predict(x).get(0, 0);
            if (p.labels().isEmpty()) {
                out.add(Double.toString(p.target().unscaleTarget(y)) + " " + point.label());
            } else {
                out.add(p.labelOf(y > 0.5 ? 1 : 0) + " " + y + " " + p.labelOf((int) point.label()));
            }
        }
        return out;
    }

    @Test
    void fileUrisWorkLikeLocalPaths() throws IOException {
        TrainedModel model = TestModels.model(Precision.FLOAT);
        String uri = dir.resolve("m").toUri().toString();
        assertTrue(uri.startsWith("file:"), uri);
        ModelStore.save(model, uri, conf);
        assertEquals(model.spec(), ModelStore.load(dir.resolve("m").toString(), conf).spec());
        assertEquals(model.spec(), ModelStore.load(uri + "/", conf).spec());
    }

    @Test
    void refusesToOverwriteWithoutTheFlag() throws IOException {
        String path = dir.resolve("m").toString();
        ModelStore.save(TestModels.model(Precision.FLOAT), path, conf);
        byte[] before = Files.readAllBytes(dir.resolve("m/weights.bin"));
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> ModelStore.save(TestModels.model(TestModels.SPEC, Precision.FLOAT, 7), path, conf));
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains("overwrite"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("m/weights.bin")));
        assertEquals(List.of("m"), names(dir));
    }

    @Test
    void overwritesWithTheFlag() throws IOException {
        String path = dir.resolve("m").toString();
        ModelStore.save(TestModels.model(Precision.FLOAT), path, conf);
        TrainedModel second = TestModels.model(TestModels.SPEC, Precision.DOUBLE, 7).withTraining("run", 2);
        ModelStore.save(second, path, conf, true);
        TrainedModel back = ModelStore.load(path, conf);
        assertEquals(Precision.DOUBLE, back.precision());
        assertEquals(2L, back.training().get("run"));
        assertArrayEquals(second.parameters().flat().toDoubleArray(), back.parameters().flat().toDoubleArray());
        assertEquals(List.of("m"), names(dir));
    }

    @Test
    void overwriteRefusesADirectoryThatIsNotAModel() throws IOException {
        Files.createDirectories(dir.resolve("precious"));
        Files.writeString(dir.resolve("precious/thesis.tex"), "years of work");
        Files.writeString(dir.resolve("afile"), "x");
        for (String name : new String[] {"precious", "afile"}) {
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                    () -> ModelStore.save(TestModels.model(Precision.FLOAT), dir.resolve(name).toString(), conf,
                            true));
            assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
        }
        assertEquals("years of work", Files.readString(dir.resolve("precious/thesis.tex")));
        assertEquals(List.of("afile", "precious"), names(dir));
    }

    @Test
    void nonFiniteWeightsWriteNothing() {
        TrainedModel model = TestModels.model(Precision.FLOAT);
        model.parameters().flat().set(3, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> ModelStore.save(model, dir.resolve("m").toString(), conf));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void failureWhileWritingLeavesNothingBehind() {
        Configuration faulty = FaultyFileSystem.configuration("model.json");
        IOException e = assertThrows(IOException.class,
                () -> ModelStore.save(TestModels.model(Precision.FLOAT), dir.resolve("m").toString(), faulty));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void failedRenameLeavesNothingBehind() {
        Configuration faulty = FaultyFileSystem.configuration("rename");
        assertThrows(IOException.class,
                () -> ModelStore.save(TestModels.model(Precision.FLOAT), dir.resolve("m").toString(), faulty));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void failedReplacementKeepsTheOldModel() throws IOException {
        String path = dir.resolve("m").toString();
        TrainedModel first = TestModels.model(Precision.FLOAT);
        ModelStore.save(first, path, conf);
        for (String failOn : new String[] {"weights.bin", "rename-in"}) {
            Configuration faulty = FaultyFileSystem.configuration(failOn);
            assertThrows(IOException.class, () -> ModelStore.save(TestModels.model(TestModels.SPEC,
                    Precision.DOUBLE, 7), path, faulty, true), failOn);
            assertEquals(List.of("m"), names(dir), failOn);
            TrainedModel back = ModelStore.load(path, conf);
            assertEquals(Precision.FLOAT, back.precision(), failOn);
            assertArrayEquals(first.parameters().flat().toDoubleArray(), back.parameters().flat().toDoubleArray());
        }
    }

    @Test
    void missingDirectoryOrFilesAreNamed() throws IOException {
        String missing = dir.resolve("nothing-here").toString();
        assertRefused(() -> ModelStore.load(missing, conf), missing, "no such model directory");

        String path = dir.resolve("m").toString();
        ModelStore.save(TestModels.model(Precision.FLOAT), path, conf);
        Files.delete(dir.resolve("m/weights.bin"));
        assertRefused(() -> ModelStore.load(path, conf), path + "/weights.bin", "missing");
        Files.delete(dir.resolve("m/model.json"));
        assertRefused(() -> ModelStore.load(path, conf), path + "/model.json", "missing");

        Files.writeString(dir.resolve("plain"), "x");
        assertRefused(() -> ModelStore.load(dir.resolve("plain").toString(), conf), dir.resolve("plain").toString(),
                "is a file");
    }

    @Test
    void corruptedFilesOnDiskAreRefusedNamingTheFile() throws IOException {
        String path = dir.resolve("m").toString();
        ModelStore.save(TestModels.model(Precision.DOUBLE), path, conf);
        java.nio.file.Path weights = dir.resolve("m/weights.bin");
        byte[] good = Files.readAllBytes(weights);

        byte[] flipped = good.clone();
        flipped[17] ^= 1;
        Files.write(weights, flipped);
        assertRefused(() -> ModelStore.load(path, conf), path + "/weights.bin", "SHA-256 mismatch");

        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 8));
        assertRefused(() -> ModelStore.load(path, conf), path + "/weights.bin",
                "truncated: " + (good.length - 8) + " bytes, but model.json says " + good.length);

        Files.write(weights, good);
        java.nio.file.Path json = dir.resolve("m/model.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"version\": 1", "\"version\": 4"));
        assertRefused(() -> ModelStore.load(path, conf), path + "/model.json", "format version 4 is newer");
        Files.writeString(json, text.replace("\"tanh\"", "\"gelu\""));
        assertRefused(() -> ModelStore.load(path, conf), path + "/model.json", "unknown activation 'gelu'");
        Files.writeString(json, text.substring(0, 40));
        assertRefused(() -> ModelStore.load(path, conf), path + "/model.json", "malformed JSON");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void assertRefused(org.junit.jupiter.api.function.Executable load, String file, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, load);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** The sorted names in a directory, hidden ones (such as .crc files) included. */
    private static List<String> names(java.nio.file.Path directory) {
        try (Stream<java.nio.file.Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The local file system, failing on purpose: creating a file with a given name ({@code model.json},
     * {@code weights.bin}), renaming a temporary directory into place ({@code rename}), or renaming the new model in
     * after the old one was moved aside ({@code rename-in}).
     */
    public static final class FaultyFileSystem extends RawLocalFileSystem {

        static Configuration configuration(String failOn) {
            Configuration conf = new Configuration();
            conf.set("fs.file.impl", FaultyFileSystem.class.getName());
            conf.setBoolean("fs.file.impl.disable.cache", true);
            conf.set("test.fail.on", failOn);
            return conf;
        }

        private String failOn() {
            return getConf().get("test.fail.on", "");
        }

        @Override
        public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
                                         long blockSize, Progressable progress) throws IOException {
            FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize, progress);
            return failOnCreate(f, out);
        }

        @Override
        public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                         short replication, long blockSize, Progressable progress) throws IOException {
            FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize,
                    progress);
            return failOnCreate(f, out);
        }

        /** Fails after a partial (empty) file exists, as a full disk would. */
        private FSDataOutputStream failOnCreate(Path f, FSDataOutputStream out) throws IOException {
            if (f.getName().equals(failOn())) {
                out.close();
                throw new IOException("injected failure creating " + f);
            }
            return out;
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            boolean tempToTarget = src.getName().contains(".tmp-");
            if (tempToTarget && failOn().equals("rename")) {
                return false;
            }
            if (tempToTarget && failOn().equals("rename-in")) {
                throw new IOException("injected failure renaming " + src + " to " + dst);
            }
            return super.rename(src, dst);
        }
    }
}
