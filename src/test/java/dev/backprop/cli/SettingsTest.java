package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training job's configuration: defaults, the shipped file, precedence, and errors that say what is allowed. */
class SettingsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    private static Settings defaults() {
        return new Settings(TrainSettings.ALL);
    }

    private static String refusal(Runnable action) {
        return assertThrows(UsageException.class, action::run).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void theRequiredKeysExistWithTheirNames() {
        Settings s = defaults();
        for (String key : List.of("data.train", "data.test", "data.format", "data.features", "data.classes",
                "net.hidden", "net.activation", "train.epochs", "train.learning_rate", "train.l2", "train.seed",
                "model.out")) {
            assertTrue(s.asText().containsKey(key), key);
        }
    }

    @Test
    void theShippedFileDocumentsEveryKeyWithItsDefault() throws IOException {
        Path file = ROOT.resolve("conf/train.properties");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> inFile = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> inFile.put(k, properties.getProperty(k).trim()));
        Map<String, String> expected = new LinkedHashMap<>(defaults().asText());
        assertEquals(expected.keySet(), inFile.keySet(), "conf/train.properties lists every key, and only those");
        assertEquals(expected, inFile, "conf/train.properties gives the defaults");
        // And every key has a comment line just above it.
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                assertTrue(i > 0 && lines.get(i - 1).trim().startsWith("#"), "undocumented: " + line);
            }
        }
        // The file applies cleanly.
        Settings s = defaults().applyFile(file);
        assertEquals(300, s.integer(TrainSettings.EPOCHS));
    }

    @Test
    void theCommandLineOverridesAFileWhichOverridesTheDefaults() throws IOException {
        Path file = dir.resolve("my.properties");
        Files.writeString(file, "train.epochs = 12\ntrain.learning_rate = 0.25\nnet.hidden = 32, 16\n");
        Settings s = TrainJob.parse(new String[]{"train.epochs=7", "--conf", file.toString(), "train.seed=3"});
        assertEquals(7, s.integer(TrainSettings.EPOCHS), "the command line wins whatever the order");
        assertEquals(0.25, s.number(TrainSettings.LEARNING_RATE));
        assertArrayEquals(new int[]{32, 16}, s.sizes(TrainSettings.NET_HIDDEN));
        assertEquals(3, s.integer(TrainSettings.SEED));
        assertEquals(784, s.integer(TrainSettings.DATA_FEATURES), "the default where nothing is given");
        assertTrue(s.fromCommandLine(TrainSettings.EPOCHS));
        assertFalse(s.fromCommandLine(TrainSettings.LEARNING_RATE));
        assertFalse(s.fromCommandLine(TrainSettings.DATA_FEATURES));
    }

    @Test
    void valuesAreReadLeniently() {
        Settings s = defaults().applyArguments(List.of("net.activation=ReLU", "net.hidden=", "train.shuffle=FALSE",
                "train.precision= double ", "data.test="));
        assertEquals("relu", s.text(TrainSettings.NET_ACTIVATION));
        assertEquals(0, s.sizes(TrainSettings.NET_HIDDEN).length);
        assertFalse(s.flag(TrainSettings.SHUFFLE));
        assertEquals("double", s.text(TrainSettings.PRECISION));
        assertEquals("", s.text(TrainSettings.DATA_TEST));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheAllowedKeys() {
        String message = refusal(() -> defaults().applyArguments(List.of("train.epoch=5")));
        assertMentions(message, "command line", "unknown key 'train.epoch'", "allowed keys");
        for (Setting setting : TrainSettings.ALL) {
            assertMentions(message, setting.name());
        }
    }

    @Test
    void aWordThatIsNotKeyValueIsRefused() {
        assertMentions(refusal(() -> defaults().applyArguments(List.of("epochs"))), "'epochs' is not key=value",
                "allowed keys", "train.epochs");
        assertMentions(refusal(() -> defaults().applyArguments(List.of("=5"))), "'=5' is not key=value");
    }

    @Test
    void badValuesNameTheKeyAndWhatItTakes() {
        record Case(String argument, String[] mentions) {
        }
        List<Case> cases = new ArrayList<>(List.of(
                new Case("train.epochs=0", new String[]{"train.epochs=0", "an integer >= 1"}),
                new Case("train.epochs=ten", new String[]{"train.epochs=ten", "an integer >= 1"}),
                new Case("train.epochs=2.5", new String[]{"train.epochs=2.5", "an integer >= 1"}),
                new Case("net.activation=swish", new String[]{"net.activation=swish", "relu", "sigmoid", "tanh",
                        "leaky_relu", "identity"}),
                new Case("net.output=hinge", new String[]{"net.output=hinge", "softmax_cross_entropy",
                        "identity_squared_error"}),
                new Case("data.format=parquet", new String[]{"data.format=parquet", "libsvm", "csv"}),
                new Case("train.learning_rate=0", new String[]{"train.learning_rate=0", "a number > 0"}),
                new Case("train.learning_rate=-1", new String[]{"train.learning_rate=-1", "a number > 0"}),
                new Case("train.learning_rate=Infinity", new String[]{"train.learning_rate=Infinity"}),
                new Case("train.l2=-0.1", new String[]{"train.l2=-0.1", "a number >= 0"}),
                new Case("net.hidden=64,-1", new String[]{"net.hidden=64,-1", "positive integers"}),
                new Case("net.hidden=64,,32", new String[]{"net.hidden=64,,32", "positive integers"}),
                new Case("train.precision=half", new String[]{"train.precision=half", "float", "double"}),
                new Case("train.shuffle=1", new String[]{"train.shuffle=1", "true or false"}),
                new Case("train.aggregation_depth=0", new String[]{"train.aggregation_depth=0", "an integer >= 1"}),
                new Case("train.block_size=0", new String[]{"train.block_size=0", "an integer >= 1"}),
                new Case("data.features=-1", new String[]{"data.features=-1", "an integer >= 0"}),
                new Case("data.train=", new String[]{"data.train=", "any non-empty text"}),
                new Case("model.out= ", new String[]{"model.out", "any non-empty text"})));
        for (Case c : cases) {
            String message = refusal(() -> defaults().applyArguments(List.of(c.argument())));
            assertMentions(message, c.mentions());
            assertMentions(message, "command line");
        }
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "train.epochs = 5\nnet.hiden = 8\n");
        assertMentions(refusal(() -> defaults().applyFile(typo)), typo.toString(), "unknown key 'net.hiden'",
                "net.hidden");

        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "net.activation = swish\n");
        assertMentions(refusal(() -> defaults().applyFile(bad)), bad.toString(), "net.activation=swish", "relu");

        Path missing = dir.resolve("missing.properties");
        assertMentions(refusal(() -> defaults().applyFile(missing)), missing.toString());
        assertMentions(refusal(() -> TrainJob.parse(new String[]{"--conf"})), "--conf needs a file");
    }

    @Test
    void theJobRefusesBadConfigurationWithExitCode2BeforeStartingSpark() {
        // shared == null: had the configuration passed, the job would start a context of its own; it must not.
        JobTestSupport.Run run = JobTestSupport.run(TrainJob::run, null, "data.train=/nonexistent/train.libsvm",
                "net.activation=swish");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertMentions(run.err(), "net.activation=swish", "relu", "usage: jobs/train.sh");
        assertEquals("", run.out(), run::toString);
    }
}
