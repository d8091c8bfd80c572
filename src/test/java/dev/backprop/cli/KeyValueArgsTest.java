package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyValueArgsTest {

    private static final List<String> KEYS = List.of("epochs", "rate", "path");

    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> KeyValueArgs.parse(args, KEYS)).getMessage();
    }

    @Test
    void parsesKeyValueWordsInOrderWithDefaults() {
        KeyValueArgs kv = KeyValueArgs.parse(new String[] {"rate=0.5", "path=a=b.txt"}, KEYS);
        assertEquals(Map.of("rate", "0.5", "path", "a=b.txt"), kv.given());
        assertEquals(List.of("rate", "path"), List.copyOf(kv.given().keySet()));
        assertEquals(0.5, kv.finiteDouble("rate", 1));
        assertEquals(3.0, kv.finiteDouble("epochs", 3));
        assertEquals("a=b.txt", kv.string("path", "x"));
        assertTrue(kv.has("rate"));
        assertFalse(kv.has("epochs"));
        assertEquals(KEYS, kv.allowedKeys());
    }

    @Test
    void acceptsTheUsualWaysOfWritingANumber() {
        for (String text : new String[] {"1", "-1", "+2.5", ".5", "5.", "1e-3", "-1.5E+10", "0"}) {
            KeyValueArgs kv = KeyValueArgs.parse(new String[] {"rate=" + text}, KEYS);
            assertEquals(Double.parseDouble(text), kv.finiteDouble("rate", 99), text);
        }
    }

    @Test
    void errorsNameTheArgumentOrKeyAndListTheAllowedKeys() {
        String unknown = usageError("epochs=3", "speed=9");
        assertTrue(unknown.contains("'speed'") && unknown.contains("allowed keys: epochs, rate, path"), unknown);
        String notKeyValue = usageError("epochs");
        assertTrue(notKeyValue.contains("'epochs' is not key=value") && notKeyValue.contains("allowed keys"),
                notKeyValue);
        String emptyKey = usageError("=1");
        assertTrue(emptyKey.contains("'=1'"), emptyKey);
        String twice = usageError("rate=1", "rate=2");
        assertTrue(twice.contains("'rate'") && twice.contains("twice"), twice);
    }

    @Test
    void badNumbersNameTheKeyAndTheValue() {
        for (String text : new String[] {"", "abc", "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "1,5", " 1",
                "1e400", "--1"}) {
            KeyValueArgs kv = KeyValueArgs.parse(new String[] {"rate=" + text}, KEYS);
            UsageException e = assertThrows(UsageException.class, () -> kv.finiteDouble("rate", 0), text);
            assertTrue(e.getMessage().contains("key 'rate'") && e.getMessage().contains("'" + text + "'"),
                    e.getMessage());
        }
    }

    @Test
    void askingForAKeyThatIsNotAllowedIsAProgrammingError() {
        KeyValueArgs kv = KeyValueArgs.parse(new String[0], KEYS);
        assertThrows(IllegalArgumentException.class, () -> kv.finiteDouble("other", 0));
    }
}
