package dev.backprop.spark;

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
        Files.writeString(json, text.replace("\"version\": 1", "\"version\": 3"));
        assertRefused(() -> ModelStore.load(path, conf), path + "/model.json", "format version 3 is newer");
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
