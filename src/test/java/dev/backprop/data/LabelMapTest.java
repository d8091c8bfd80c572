package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labels as written (numbers in any set, text) to classes 0..K-1 and back. */
class LabelMapTest {

    private static int classOf(LabelMap map, String label) {
        return map.classOf(label, "train.csv", 1);
    }

    @Test
    void zeroOne() {
        LabelMap map = LabelMap.fit(List.of("1", "0", "1", "0", "0"));
        assertEquals(List.of("0", "1"), map.labels());
        assertEquals(0, classOf(map, "0"));
        assertEquals(1, classOf(map, "1"));
        assertEquals(1, classOf(map, "1.0"));
        assertEquals(0, classOf(map, "-0"));
        assertTrue(map.isNumeric());
    }

    @Test
    void minusOnePlusOneWithPlusOneAndOneTheSameClass() {
        LabelMap map = LabelMap.fit(List.of("+1", "-1", "1", "-1.0"));
        assertEquals(2, map.size());
        assertEquals(List.of("-1", "1"), map.labels()); // the shortest form written, "-1" not "-1.0"
        assertEquals(0, classOf(map, "-1"));
        assertEquals(0, classOf(map, " -1.0 "));
        assertEquals(1, classOf(map, "+1"));
        assertEquals(1, classOf(map, "1"));
        assertEquals(1, classOf(map, "1e0"));
        assertEquals("-1", map.labelOf(0));
        assertEquals("1", map.labelOf(1));
    }

    @Test
    void onlyPlusOneWrittenPrintsPlusOne() {
        LabelMap map = LabelMap.fit(List.of("+1", "-1"));
        assertEquals(List.of("-1", "+1"), map.labels());
        assertEquals(1, classOf(map, "1"));
    }

    @Test
    void numbersAsWrittenWhenOnlyOneFormOccurs() {
        LabelMap map = LabelMap.fit(List.of("7.0", "3.0", "7.0"));
        assertEquals(List.of("3.0", "7.0"), map.labels());
        assertEquals(1, classOf(map, "7"));
    }

    @Test
    void oneToKInNumericNotLexicographicOrder() {
        LabelMap map = LabelMap.fit(List.of("10", "2", "1", "3", "9", "2"));
        assertEquals(List.of("1", "2", "3", "9", "10"), map.labels());
        assertEquals(4, classOf(map, "10"));
        assertEquals(0, classOf(map, "1"));
    }

    @Test
    void negativeAndFractionalNumbersInAscendingOrder() {
        LabelMap map = LabelMap.fit(List.of("0.5", "-2", "1e1", "-0.25"));
        assertEquals(List.of("-2", "-0.25", "0.5", "1e1"), map.labels());
    }

    @Test
    void textLabelsInLexicographicOrder() {
        LabelMap map = LabelMap.fit(List.of("versicolor", " setosa", "virginica ", "setosa"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), map.labels());
        assertFalse(map.isNumeric());
        assertEquals(2, classOf(map, "virginica"));
        assertEquals("versicolor", map.labelOf(1));
    }

    @Test
    void textIsCaseSensitive() {
        LabelMap map = LabelMap.fit(List.of("b", "B", "a"));
        assertEquals(List.of("B", "a", "b"), map.labels());
    }

    @Test
    void mixedLabelsAreTextButNumbersStillNormalised() {
        LabelMap map = LabelMap.fit(List.of("other", "1", "1.0", "2"));
        assertEquals(List.of("1", "2", "other"), map.labels());
        assertEquals(0, classOf(map, "+1"));
    }

    @Test
    void orderDoesNotDependOnTheObservationOrder() {
        List<String> labels = new ArrayList<>(List.of("c", "a", "b", "a", "d", "+3", "3.0"));
        LabelMap first = LabelMap.fit(labels);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(labels, new java.util.Random(i));
            assertEquals(first, LabelMap.fit(labels));
        }
    }

    @Test
    void explicitOrderIsKept() {
        LabelMap map = LabelMap.of(List.of("malignant", " benign"));
        assertEquals(List.of("malignant", "benign"), map.labels());
        assertEquals(0, classOf(map, "malignant"));
        assertEquals(1, classOf(map, "benign"));
    }

    @Test
    void explicitNumericOrderMatchesEveryForm() {
        LabelMap map = LabelMap.of(List.of("1", "-1"));
        assertEquals(0, classOf(map, "+1"));
        assertEquals(0, classOf(map, "1.00"));
        assertEquals(1, classOf(map, "-1"));
        assertEquals("1", map.labelOf(0));
    }

    @Test
    void explicitOrderRefusesRepeatsAndBlanks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelMap.of(List.of("1", "0", "1.0")));
        assertTrue(e.getMessage().contains("'1' and '1.0' are the same label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(List.of("a", " ")));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.fit(List.of()));
    }

    @Test
    void unknownLabelNamesFileLineAndKnownLabels() {
        LabelMap map = LabelMap.of(List.of("benign", "malignant"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> map.classOf("unknown", "data/test.csv", 42));
        assertEquals("data/test.csv", e.source());
        assertEquals(42, e.line());
        assertEquals("data/test.csv line 42: label 'unknown' is not one of the 2 known labels 'benign', 'malignant'",
                e.getMessage());
        assertEquals(-1, map.classOrMinusOne("unknown"));
        assertThrows(DataFormatException.class, () -> map.classOf("", "f", 1));
    }

    @Test
    void manyKnownLabelsAreAbbreviated() {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            labels.add("c" + k);
        }
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LabelMap.of(labels).classOf("x", "f.csv", 3));
        assertTrue(e.getMessage().endsWith("'c19', ... and 80 more"), e.getMessage());
    }

    @Test
    void labelOfOutOfRange() {
        LabelMap map = LabelMap.of(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> map.labelOf(2));
        assertThrows(IllegalArgumentException.class, () -> map.labelOf(-1));
    }

    @Test
    void storedListRestoresAnEqualMap() throws Exception {
        for (LabelMap map : List.of(LabelMap.fit(List.of("+1", "-1.0")), LabelMap.fit(List.of("3.0", "10")),
                LabelMap.fit(List.of("setosa", "virginica")), LabelMap.of(List.of("z", "a")))) {
            LabelMap restored = LabelMap.of(new ArrayList<>(map.labels()));
            assertEquals(map, restored);
            for (int k = 0; k < map.size(); k++) {
                assertEquals(k, classOf(restored, map.labelOf(k)));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(map);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertEquals(map, in.readObject());
            }
        }
    }

    @Test
    void keysNormaliseNumbersOnly() {
        assertEquals(LabelMap.key("1"), LabelMap.key("+1.0"));
        assertEquals(LabelMap.key("0"), LabelMap.key("-0.0"));
        assertFalse(LabelMap.key("0x1").equals(LabelMap.key("1")));
        assertFalse(LabelMap.key("NaN").equals(LabelMap.key("nan")));
    }
}
