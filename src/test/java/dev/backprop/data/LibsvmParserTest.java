package dev.backprop.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One LIBSVM line at a time: 1-based indices become 0-based, comments and blanks carry nothing, errors say where. */
class LibsvmParserTest {

    private static final String SOURCE = "train.libsvm";

    @Test
    void parsesLabelAndConvertsIndicesToZeroBased() {
        LabeledPoint p = LibsvmParser.parse("3 1:0.5 4:-2 10:7", SOURCE, 1, 10);
        assertEquals(3.0, p.label());
        assertArrayEquals(new int[] {0, 3, 9}, p.indices());
        assertArrayEquals(new double[] {0.5, -2.0, 7.0}, p.values());
        assertEquals(9, p.maxIndex());
    }

    @Test
    void acceptsTabsAndRepeatedSpacesAndLeadingOrTrailingWhitespace() {
        LabeledPoint p = LibsvmParser.parse("  \t1\t2:1.5   5:2\t ", SOURCE, 1, 0);
        assertEquals(new LabeledPoint(1, new int[] {1, 4}, new double[] {1.5, 2}), p);
    }

    @Test
    void aLabelWithoutFeaturesIsAnEmptyPoint() {
        LabeledPoint p = LibsvmParser.parse("0", SOURCE, 1, 5);
        assertEquals(0.0, p.label());
        assertEquals(0, p.indices().length);
        assertEquals(-1, p.maxIndex());
    }

    @Test
    void readsScientificNotationInLabelsAndValues() {
        LabeledPoint p = LibsvmParser.parse("-1.5e0 2:1e-3 3:2.5E+2 7:-4e1", SOURCE, 1, 0);
        assertEquals(-1.5, p.label());
        assertArrayEquals(new int[] {1, 2, 6}, p.indices());
        assertArrayEquals(new double[] {0.001, 250.0, -40.0}, p.values());
    }

    @Test
    void textAfterAHashIsAComment() {
        LabeledPoint p = LibsvmParser.parse("1 1:2 3:4 # qid or a note: 5:6", SOURCE, 1, 0);
        assertEquals(new LabeledPoint(1, new int[] {0, 2}, new double[] {2, 4}), p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "# a comment line", "   # indented comment 1:2"})
    void blankAndCommentLinesGiveNull(String line) {
        assertNull(LibsvmParser.parse(line, SOURCE, 1, 10));
    }

    @Test
    void numFeaturesZeroAcceptsAnyIndex() {
        LabeledPoint p = LibsvmParser.parse("1 1000000:1", SOURCE, 1, 0);
        assertArrayEquals(new int[] {999_999}, p.indices());
    }

    @Test
    void theLastDeclaredFeatureIsAccepted() {
        LabeledPoint p = LibsvmParser.parse("1 4:1", SOURCE, 1, 4);
        assertArrayEquals(new int[] {3}, p.indices());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1 3 4:1            | '3'",                 // missing colon
            "1 2:1 :3           | ':3'",                // empty index
            "1 2:               | '2:'",                // empty value
            "1 x:1              | 'x' is not an integer",
            "1 1.5:1            | '1.5' is not an integer",
            "1 0:1              | index 0 is below 1",
            "1 -3:1             | index -3 is below 1",
            "1 2:1 2:3          | 2 follows 2",          // repeated index
            "1 5:1 3:3          | 3 follows 5",          // decreasing index
            "1 2:1 11:1         | 11 exceeds the declared number of features 10",
            "abc 1:1            | label 'abc' is not a number",
            "1 1:abc            | value of feature 1 'abc' is not a number",
            "1 1:2:3            | '2:3' is not a number",
            "NaN 1:1            | label 'NaN' is not finite",
            "Infinity 1:1       | label 'Infinity' is not finite",
            "1 1:NaN            | 'NaN' is not finite",
            "1 1:-Infinity      | '-Infinity' is not finite",
            "1 1:1e400          | '1e400' is not finite",  // overflows to infinity
    })
    void malformedLinesNameTheSourceLineAndProblem(String line, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LibsvmParser.parse(line.strip(), SOURCE, 42, 10));
        assertTrue(e.getMessage().contains(SOURCE + " line 42"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(SOURCE, e.source());
        assertEquals(42, e.line());
    }

    @Test
    void theFastPathReturnsExactlyWhatTheFullParserReturns() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int taken = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder line = new StringBuilder(randomNumber(random));
            int index = 0;
            for (int k = random.nextInt(6); k >= 0; k--) {
                index += 1 + random.nextInt(40);
                line.append(random.nextInt(8) == 0 ? "\t" : " ").append(index).append(':')
                        .append(randomNumber(random));
            }
            if (random.nextInt(10) == 0) {
                line.append(" # a comment 7:8");
            }
            String text = line.toString();
            LabeledPoint fast = LibsvmParser.parseFast(text, 0);
            LabeledPoint full = LibsvmParser.parseFully(text, "f", 1, 0);
            if (fast != null) {
                taken++;
                assertEquals(full, fast, text);
                for (int i = 0; i < full.values().length; i++) {
                    // Bit for bit, including the sign of zero.
                    assertEquals(Double.doubleToRawLongBits(full.values()[i]),
                            Double.doubleToRawLongBits(fast.values()[i]), text);
                }
            }
        }
        assertTrue(taken > 2000, "the fast path took only " + taken + " of 3000 lines");
    }

    @Test
    void theFastPathLeavesAnythingUnusualToTheFullParser() {
        for (String line : new String[]{"", "   ", "# comment", "1 2:3 # c", "1 3:1 2:1", "1 0:1", "1 2:", "1 :3",
                "1 2:x", "1 2:NaN", "1 2:Infinity", "x 1:1", "1 1:1e400", "1 2:3\r", "1 1234567890:1", "1 2:0x10",
                "1 2:1d"}) {
            assertEquals(null, LibsvmParser.parseFast(line, 0), line);
        }
        assertEquals(null, LibsvmParser.parseFast("1 5:1", 4), "an index above the declared width");
    }

    /** Numbers as files hold them: integers, fixed decimals, Java's and printf's forms, signs, zeros. */
    private static String randomNumber(java.util.SplittableRandom random) {
        double v = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-12, 12));
        return switch (random.nextInt(8)) {
            case 0 -> Integer.toString(random.nextInt(-1000, 1000));
            case 1 -> String.format(java.util.Locale.ROOT, "%.3f", v);
            case 2 -> Double.toString(v);
            case 3 -> String.format(java.util.Locale.ROOT, "%.17g", v);
            case 4 -> random.nextBoolean() ? "-0" : "+0.0";
            case 5 -> String.format(java.util.Locale.ROOT, "%e", v);
            case 6 -> Float.toString((float) v);
            default -> String.format(java.util.Locale.ROOT, "%.6f", random.nextDouble(0, 1));
        };
    }
}
