package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing cells: an error naming file, line and column by default; the training mean when asked. */
class MissingValuesTest {

    private static final String HEADER = "age,color,income,label";
    private static final String SOURCE = "train.csv";

    private static CsvParser parser(CsvOptions.Builder options) {
        return CsvParser.create(options.header(true).label("label").categorical("color").build(), HEADER, SOURCE);
    }

    /** Profiles {@code lines} (lines 2, 3, ...) on one machine and fits the schema. */
    static TableSchema fit(CsvParser parser, List<String> lines, boolean classification) {
        CsvProfile profile = CsvProfile.of(parser, classification);
        for (int i = 0; i < lines.size(); i++) {
            CsvRecord r = parser.parseRecord(lines.get(i), SOURCE, i + 2);
            if (r != null) {
                profile.add(r);
            }
        }
        return TableSchema.fit(parser, profile, classification);
    }

    @Test
    void byDefaultAnEmptyNumericCellNamesFileLineAndColumn() {
        CsvParser p = parser(CsvOptions.builder());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> p.parseRecord("30,red,,yes", SOURCE, 12));
        assertEquals(SOURCE, e.source());
        assertEquals(12, e.line());
        assertEquals("train.csv line 12: column 'income' (index 2): missing value (empty cell); the missing-value"
                + " policy is 'error' (the policy 'mean' imputes the training mean)", e.getMessage());
    }

    @Test
    void byDefaultAnEmptyCategoricalCellNamesFileLineAndColumn() {
        CsvParser p = parser(CsvOptions.builder());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> p.parseRecord("30, ,100,yes", SOURCE, 5));
        assertTrue(e.getMessage().startsWith("train.csv line 5: column 'color' (index 1): missing value (empty"
                + " cell)"), e.getMessage());
    }

    @Test
    void declaredMissingTextsAreMissingToo() {
        CsvParser p = parser(CsvOptions.builder().missingTexts("?", "NA"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> p.parseRecord("?,red,100,yes", SOURCE, 3));
        assertTrue(e.getMessage().startsWith("train.csv line 3: column 'age' (index 0): missing value '?';"),
                e.getMessage());
        CsvParser imputing = parser(CsvOptions.builder().missingTexts("?", "NA").missing(MissingValues.MEAN));
        CsvRecord r = imputing.parseRecord("?,NA,100,yes", SOURCE, 3);
        assertTrue(Double.isNaN(r.numeric()[0]));
        assertNull(r.categories()[0]);
    }

    @Test
    void aMissingLabelIsAlwaysAnError() {
        CsvParser p = parser(CsvOptions.builder().missing(MissingValues.MEAN));
        DataFormatException e = assertThrows(DataFormatException.class, () -> p.parseRecord("30,red,100,", SOURCE, 8));
        assertEquals("train.csv line 8: label column 'label' (index 3): missing value (empty cell); every row needs"
                + " a label", e.getMessage());
    }

    @Test
    void meanImputesTheTrainingMeanIgnoringEmptyCells() {
        CsvParser p = parser(CsvOptions.builder().missing(MissingValues.MEAN));
        TableSchema schema = fit(p, List.of(
                "20,red,100,yes",
                ",blue,,no",
                "40,red,400,no",
                "33,,700,yes"), true);
        // age: (20 + 40 + 33) / 3; income: (100 + 400 + 700) / 3; color: blue 1 of 3, red 2 of 3
        assertArrayEquals(new double[] {31, 1.0 / 3, 2.0 / 3, 400}, schema.means(), 1e-12);
        TableSchema.Parser parser = schema.parser(p);
        assertEquals(new LabeledPoint(0, new int[] {0, 1, 2, 3}, new double[] {31, 1, 0, 400}),
                parser.parse(",blue,,no", "test.csv", 2));
        assertEquals(new LabeledPoint(1, new int[] {0, 1, 2, 3}, new double[] {25, 1.0 / 3, 2.0 / 3, 10}),
                parser.parse("25,,10,yes", "test.csv", 3));
    }

    @Test
    void aColumnWithNoValueHasNoMeanToImpute() {
        CsvParser p = parser(CsvOptions.builder().missing(MissingValues.MEAN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(p, List.of("1,red,,yes", "2,blue,,no"), true));
        assertEquals("numeric column 'income' (index 2) has no value in the training data, so it has no mean to"
                + " impute; ignore it", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> fit(p, List.of("1,,3,yes", "2,,4,no"), true));
        assertTrue(e.getMessage().startsWith("categorical column 'color' (index 1) has no value"), e.getMessage());
    }

    @Test
    void imputingOptionsNeedASchema() {
        CsvParser p = CsvParser.create(CsvOptions.builder().missing(MissingValues.MEAN).build(), "1,2,3", SOURCE);
        assertThrows(IllegalStateException.class, () -> p.parse("1,2,3", SOURCE, 1));
    }
}
