package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.cli.SeedExample.Arguments;
import dev.backprop.cli.SeedExample.NodeRow;
import dev.backprop.cli.SeedExample.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedExampleTest {

    private static final List<String> JSON_KEYS = List.of("w", "b", "x", "t", "lambda", "alpha", "z", "y", "loss",
            "dw", "db", "dw_closed_form", "db_closed_form", "w_next", "b_next");
    /** The grammar of a JSON number (RFC 8259). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    /** Central-difference step, as in DESIGN.md section 2. */
    private static final double H = 1e-6;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // ---- the worked example, computed independently of the engine ---------------------------------------------

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** L_reg(w, b) = 1/2 (sigmoid(w x + b) - t)^2 + lambda 1/2 w^2 in plain doubles. */
    private static double lossReg(double w, double b, Arguments a) {
        double d = sigmoid(w * a.x() + b) - a.t();
        return 0.5 * d * d + a.lambda() * 0.5 * w * w;
    }

    private static List<Arguments> randomArguments(long seed, int count) {
        Random random = new Random(seed);
        List<Arguments> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Arguments(uniform(random, -3, 3), uniform(random, -3, 3), uniform(random, -3, 3),
                    random.nextDouble(), random.nextDouble(), uniform(random, 0.01, 1)));
        }
        return list;
    }

    private static double uniform(Random random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    // ---- backprop against the closed forms and central differences ---------------------------------------------

    @Test
    void defaultsGiveTheHandComputedNumbers() {
        // z = 0.5 * 2 - 1 = 0, y = 1/2, L = 1/8, R = 1/8, L_reg = 1/8 + 1/80; (y - t) y (1 - y) = -1/8.
        Result r = SeedExample.compute(Arguments.DEFAULTS);
        assertEquals(0.0, r.z());
        assertEquals(0.5, r.y());
        assertEquals(0.1375, r.loss(), 1e-16);
        assertEquals(-0.125, r.db());
        assertEquals(-0.125 * 2 + 0.1 * 0.5, r.dw(), 1e-16);
        assertEquals(0.5 - 0.5 * r.dw(), r.wNext());
        assertEquals(-1 + 0.5 * 0.125, r.bNext());
    }

    @Test
    void backpropEqualsClosedFormsOnRandomArguments() {
        for (Arguments a : randomArguments(20261127L, 500)) {
            Result r = SeedExample.compute(a);
            double y = sigmoid(a.w() * a.x() + a.b());
            double delta = (y - a.t()) * y * (1 - y);
            double dwData = delta * a.x();
            double dwReg = a.lambda() * a.w();
            // Relative to the sum of the terms' magnitudes: dw's two terms may cancel.
            assertClose(dwData + dwReg, r.dw(), 1e-12, Math.abs(dwData) + Math.abs(dwReg), "dw", a);
            assertClose(delta, r.db(), 1e-12, Math.abs(delta), "db", a);
            assertClose(dwData + dwReg, r.dwClosedForm(), 1e-12, Math.abs(dwData) + Math.abs(dwReg), "dw closed", a);
            assertClose(delta, r.dbClosedForm(), 1e-12, Math.abs(delta), "db closed", a);
            assertClose(y, r.y(), 1e-14, Math.abs(y), "y", a);
            assertClose(lossReg(a.w(), a.b(), a), r.loss(), 1e-13, r.loss(), "loss", a);
        }
    }

    @Test
    void backpropEqualsCentralDifferencesOnRandomArguments() {
        for (Arguments a : randomArguments(7L, 500)) {
            Result r = SeedExample.compute(a);
            double numericDw = (lossReg(a.w() + H, a.b(), a) - lossReg(a.w() - H, a.b(), a)) / (2 * H);
            double numericDb = (lossReg(a.w(), a.b() + H, a) - lossReg(a.w(), a.b() - H, a)) / (2 * H);
            assertCloseToCentralDifference(numericDw, r.dw(), r.loss(), "dw", a);
            assertCloseToCentralDifference(numericDb, r.db(), r.loss(), "db", a);
        }
    }

    /**
     * Relative 1e-7, plus the rounding that central differences cannot avoid: each loss value is off by a few ulps,
     * and the difference of two of them is divided by 2h (about 1e-9 absolute for losses of order 1).
     */
    private static void assertCloseToCentralDifference(double numeric, double backprop, double loss, String what,
                                                       Arguments a) {
        double roundoff = 4 * Math.ulp(Math.abs(loss) + 1e-300) / H;
        double allowed = 1e-7 * Math.abs(numeric) + roundoff;
        assertTrue(Math.abs(numeric - backprop) <= allowed, () -> what + ": backprop " + backprop
                + ", central difference " + numeric + ", allowed difference " + allowed + " at " + a);
    }

    private static void assertClose(double expected, double actual, double relative, double scale, String what,
                                    Arguments a) {
        double allowed = relative * scale + Double.MIN_NORMAL;
        assertTrue(Math.abs(expected - actual) <= allowed, () -> what + ": expected " + expected + ", got "
                + actual + " (allowed difference " + allowed + ") at " + a);
    }

    @Test
    void stepMovesAgainstTheBackpropGradient() {
        for (Arguments a : randomArguments(11L, 100)) {
            Result r = SeedExample.compute(a);
            assertEquals(a.w() - a.alpha() * r.dw(), r.wNext());
            assertEquals(a.b() - a.alpha() * r.db(), r.bNext());
        }
    }

    @Test
    void nodesAreListedInTapeOrderAndInputsHaveNoGradient() {
        Result r = SeedExample.compute(Arguments.DEFAULTS);
        List<String> names = r.nodes().stream().map(NodeRow::name).toList();
        assertEquals(List.of("w", "b", "x", "t", "wx", "z", "y", "L", "R", "lambda_R", "L_reg"), names);
        for (int i = 0; i < r.nodes().size(); i++) {
            NodeRow row = r.nodes().get(i);
            assertEquals(i, row.index());
            if (row.name().equals("x") || row.name().equals("t")) {
                assertEquals("input", row.kind());
                assertNull(row.gradient(), row.name());
            } else {
                assertNotNull(row.gradient(), row.name());
            }
        }
        NodeRow output = r.nodes().get(r.nodes().size() - 1);
        assertEquals(r.loss(), output.value());
        assertEquals(1.0, output.gradient());
        assertEquals(r.dw(), r.nodes().get(0).gradient());
        assertEquals(r.db(), r.nodes().get(1).gradient());
    }

    // ---- the JSON line and the exit codes ---------------------------------------------------------------------

    @Test
    void jsonLineHasTheFifteenKeysInOrderAsNumbers() throws Exception {
        for (Arguments a : randomArguments(3L, 50)) {
            Result r = SeedExample.compute(a);
            String line = r.jsonLine();
            Map<String, Object> parsed = parse(line);
            assertEquals(JSON_KEYS, List.copyOf(parsed.keySet()), line);
            assertEquals(JSON_KEYS, List.copyOf(r.jsonValues().keySet()));
            for (String key : JSON_KEYS) {
                Object value = parsed.get(key);
                assertTrue(value instanceof Number, key + " is not a number in " + line);
                assertEquals(r.jsonValues().get(key), ((Number) value).doubleValue(), key);
            }
            assertEquals(r.loss(), ((Number) parsed.get("loss")).doubleValue());
            assertEquals(a.lambda(), ((Number) parsed.get("lambda")).doubleValue());
            for (String number : line.substring(1, line.length() - 1).split(",")) {
                String text = number.substring(number.indexOf(':') + 1);
                assertTrue(JSON_NUMBER.matcher(text).matches(), text + " is not a JSON number");
            }
        }
    }

    @Test
    void runPrintsTheTableThenTheJsonLineLastAndExitsZero() throws Exception {
        Output o = run("w=2", "b=0.3", "lambda=0");
        assertEquals(ExitCodes.SUCCESS, o.code);
        assertEquals("", o.err);
        String[] lines = o.out.split("\n");
        String last = lines[lines.length - 1];
        assertEquals(SeedExample.compute(new Arguments(2, 0.3, 2, 1, 0, 0.5)).jsonLine(), last);
        assertEquals(JSON_KEYS, List.copyOf(parse(last).keySet()));
        assertTrue(o.out.contains("Forward pass") && o.out.contains("Backward pass")
                && o.out.contains("none: an input needs no gradient"), o.out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "foo=1          | 'foo'",
        "w              | 'w'",
        "=3             | '=3'",
        "w=abc          | 'w'",
        "lambda=        | 'lambda'",
        "alpha=NaN      | 'alpha'",
        "t=Infinity     | 't'",
        "x=0x10         | 'x'",
        "b=1e400        | 'b'",
        "W=1            | 'W'",
    })
    void badArgumentsAreUsageErrorsNamingTheKey(String arg, String named) {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse(new String[] {arg}));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        Output o = run(arg);
        assertEquals(ExitCodes.USAGE, o.code);
        assertEquals("", o.out, "nothing on stdout for bad usage");
        assertTrue(o.err.contains(named), o.err);
    }

    @Test
    void unknownKeyListsTheAllowedKeys() {
        Output o = run("w=1", "eta=0.1");
        assertEquals(ExitCodes.USAGE, o.code);
        assertTrue(o.err.contains("unknown key 'eta'"), o.err);
        assertTrue(o.err.contains("allowed keys: w, b, x, t, lambda, alpha"), o.err);
    }

    @Test
    void repeatedKeyIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse(new String[] {"w=1", "w=2"}));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void argumentsThatOverflowAreAUsageErrorNamingTheValue() {
        Output o = run("w=1e200");
        assertEquals(ExitCodes.USAGE, o.code);
        assertEquals("", o.out);
        assertTrue(o.err.contains("not finite"), o.err);
    }

    @Test
    void argumentsOverrideDefaultsInAnyOrder() {
        Arguments a = Arguments.parse(new String[] {"alpha=0.25", "t=0", "w=-1.5e-1"});
        assertEquals(new Arguments(-0.15, -1, 2, 0, 0.1, 0.25), a);
        assertEquals(Arguments.DEFAULTS, Arguments.parse(new String[0]));
    }

    private static Map<String, Object> parse(String line) throws Exception {
        // A map type rather than an anonymous TypeReference: test filters such as dev.backprop.cli.** also
        // select anonymous classes, which surefire then fails to instantiate.
        return JSON.readValue(line, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    private record Output(int code, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SeedExample.run(args, o, e);
        }
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
