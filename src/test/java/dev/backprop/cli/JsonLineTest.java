package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static Map<String, Object> parse(String line) throws Exception {
        // A map type rather than an anonymous TypeReference: test filters such as dev.backprop.cli.** also
        // select anonymous classes, which surefire then fails to instantiate.
        return JSON.readValue(line, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    @Test
    void keepsKeysInOrderAndWritesEachType() throws Exception {
        String line = new JsonLine().add("z", 1.5).add("a", 42L).add("m", true).add("s", "text").add("n", (String) null)
                .toString();
        assertEquals("{\"z\":1.5,\"a\":42,\"m\":true,\"s\":\"text\",\"n\":null}", line);
        assertEquals(List.of("z", "a", "m", "s", "n"), List.copyOf(parse(line).keySet()));
        assertEquals("{}", new JsonLine().toString());
    }

    @Test
    void doublesRoundTripAtFullPrecision() throws Exception {
        Random random = new Random(5);
        double[] special = {0.0, -0.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -1e22, 0.1, 1.0 / 3};
        for (int i = 0; i < 1000; i++) {
            double value = i < special.length ? special[i]
                    : Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String line = new JsonLine().add("v", value).toString();
            Object parsed = parse(line).get("v");
            assertEquals(value, ((Number) parsed).doubleValue(), line);
        }
    }

    @Test
    void rejectsNonFiniteNumbersNamingTheKey() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new JsonLine().add("loss", bad));
            assertTrue(e.getMessage().contains("'loss'"), e.getMessage());
        }
    }

    @Test
    void rejectsRepeatedKeys() {
        JsonLine line = new JsonLine().add("a", 1L);
        assertThrows(IllegalArgumentException.class, () -> line.add("a", 2.0));
    }

    @Test
    void writesObjectsOfNumbersAndArraysOfStrings() throws Exception {
        Map<String, Double> byTarget = new LinkedHashMap<>();
        byTarget.put("price \"usd\"", 0.1 + 0.2);
        byTarget.put("area", -0.0);
        String line = new JsonLine().add("rmse", 1.5).add("rmse_by_target", byTarget)
                .add("columns", List.of("y1", "y \"2\"")).add("empty", Map.<String, Double>of()).toString();
        assertEquals("{\"rmse\":1.5,\"rmse_by_target\":{\"price \\\"usd\\\"\":0.30000000000000004,\"area\":-0.0},"
                + "\"columns\":[\"y1\",\"y \\\"2\\\"\"],\"empty\":{}}", line);
        Map<String, Object> parsed = parse(line);
        assertEquals(List.of("price \"usd\"", "area"),
                List.copyOf(((Map<?, ?>) parsed.get("rmse_by_target")).keySet()));
        assertEquals(List.of("y1", "y \"2\""), parsed.get("columns"));
        Map<String, Double> bad = new LinkedHashMap<>();
        bad.put("y2", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JsonLine().add("r2_by_target", bad));
        assertTrue(e.getMessage().contains("'r2_by_target.y2'"), e.getMessage());
    }

    @Test
    void escapesStringsIntoOneLineOfValidJson() throws Exception {
        String nasty = "quote \" backslash \\ slash / newline \n cr \r tab \t nul \u0000 bell \u0007 "
                + "sep \u2028 \u2029 unicode é 😀 lone-high \uD83D x lone-low \uDE00 end";
        String line = new JsonLine().add("key \"with\" quotes\n", nasty).toString();
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
        Map<String, Object> parsed = parse(line);
        String value = (String) parsed.get("key \"with\" quotes\n");
        // Lone surrogates are written as \\u escapes, which a parser reads back as the same char.
        assertEquals(nasty, value);
    }
}
