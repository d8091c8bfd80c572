package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several label columns in a CSV table, the targets of a regression: resolved by name or index in the order given,
 * read into points with one label per target (with ignored, categorical and weight columns alongside), a missing or
 * non-numeric target cell an error naming file, line and column, and every conflicting use of a target column
 * refused naming the keys; a classification has one label column.
 */
class CsvTargetColumnsTest {

    private static final String SOURCE = "targets.csv";
    private static final String HEADER = "id,x0,y1,color,x1,y2,w";
    private static final List<String> TRAIN = List.of(
            "a,1,10,red,0.5,-1,1",
            "b,2,20,blue,1.5,-2,2.5",
            "c,3,30,red,2.5,-3,0");

    private static CsvParser parser(CsvOptions.Builder options) {
        return CsvParser.create(options.header(true).build(), HEADER, SOURCE);
    }

    /** The table of the header: targets y2 then y1, id ignored, color categorical, w the example weight. */
    private static CsvOptions.Builder table() {
        return CsvOptions.builder().labels("y2", "y1").ignore("id").categorical("color").weight("w");
    }

    private static TableSchema fit(CsvParser csv) {
        return MissingValuesTest.fit(csv, TRAIN, false);
    }

    @Test
    void labelColumnsResolveByNameOrIndexInTheOrderGiven() {
        CsvParser byName = parser(CsvOptions.builder().labels("y2", "y1"));
        assertArrayEquals(new int[] {5, 2}, byName.labelColumns());
        assertEquals(List.of("y2", "y1"), byName.labelNames());
        assertEquals(List.of("id", "x0", "color", "x1", "w"), byName.featureNames());

        CsvParser mixed = parser(CsvOptions.builder().labels(List.of(CsvColumn.at(-2), CsvColumn.named("y1")))
                .ignore("id", "color", "w"));
        assertArrayEquals(new int[] {5, 2}, mixed.labelColumns());
        assertEquals(List.of("x0", "x1"), mixed.featureNames());
        assertEquals(new LabeledPoint(new double[] {-1, 10}, new int[] {0, 1}, new double[] {1, 0.5}, 1),
                mixed.parse("a,1,10,red,0.5,-1,1", SOURCE, 2));

        CsvParser noHeader = CsvParser.create(CsvOptions.builder().labels(List.of(CsvColumn.at(0), CsvColumn.at(2)))
                .build(), "1,2,3,4", SOURCE);
        assertEquals(List.of("_c0", "_c2"), noHeader.labelNames());
        assertEquals(new LabeledPoint(new double[] {1, 3}, new int[] {0, 1}, new double[] {2, 4}, 1),
                noHeader.parse("1,2,3,4", SOURCE, 1));
        IllegalStateException single = assertThrows(IllegalStateException.class, byName::labelColumn);
        assertTrue(single.getMessage().contains("2 label columns"), single.getMessage());
    }

    @Test
    void aRecordHasOneLabelCellPerTargetColumn() {
        CsvParser csv = parser(table());
        assertEquals(new CsvRecord(new String[] {"-1", "10"}, new double[] {1, 0.5}, new String[] {"red"}, 1),
                csv.parseRecord("a,1,10,red,0.5,-1,1", SOURCE, 2));
        assertArrayEquals(new String[] {""}, csv.parseRecordIgnoringLabel("a,1,,red,0.5,,", SOURCE, 2).labels(),
                "prediction does not read the target cells");
    }

    @Test
    void aSchemaMakesPointsWithOneLabelPerTargetAlongsideCategoriesAndWeights() {
        CsvParser csv = parser(table());
        TableSchema schema = fit(csv);
        assertEquals(List.of("y2", "y1"), schema.labelColumns());
        assertEquals(List.of("x0", "color=blue", "color=red", "x1"), schema.featureNames());
        TableSchema.Parser parser = schema.parser(csv);
        assertNull(parser.parse(HEADER, SOURCE, 1));
        LabeledPoint p = parser.parse("d,4,40.5,blue,3.5,-4,2", SOURCE, 5);
        assertArrayEquals(new double[] {-4, 40.5}, p.labels());
        assertArrayEquals(new double[] {4, 1, 0, 3.5}, p.values());
        assertEquals(2, p.weight());
        assertEquals(p, schema.pointOf(csv.parseRecord("d,4,40.5,blue,3.5,-4,2", SOURCE, 5), UnseenCategories.ERROR,
                SOURCE, 5));
        LabeledPoint unlabeled = parser.ignoringLabels().parse("d,4,,blue,3.5,,", SOURCE, 5);
        assertArrayEquals(new double[] {0}, unlabeled.labels());
        assertArrayEquals(new double[] {4, 1, 0, 3.5}, unlabeled.values());
    }

    @Test
    void theSchemaStateKeepsTheTargetColumnsAndRestoresAnEqualSchema() {
        TableSchema schema = fit(parser(table()));
        TableSchema.State state = schema.state();
        assertEquals(List.of("y2", "y1"), state.labelColumns());
        assertThrows(IllegalStateException.class, state::labelColumn);
        assertEquals(schema, TableSchema.restore(state));
        assertEquals(List.of("y2", "y1"), TableSchema.restore(state).labelColumns());
        assertTrue(schema.toString().contains("regression of 2 targets"), schema.toString());
    }

    @Test
    void aMissingTargetCellIsAnErrorNamingFileLineAndColumnWhateverTheMissingValuePolicy() {
        for (MissingValues policy : MissingValues.values()) {
            CsvParser csv = parser(table().missing(policy).missingTexts("NA"));
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> csv.parseRecord("a,1,10,red,0.5,,1", SOURCE, 7));
            assertEquals("targets.csv line 7: label column 'y2' (index 5): missing value (empty cell); every row"
                    + " needs a value in each of the 2 label columns", e.getMessage());
            e = assertThrows(DataFormatException.class, () -> csv.parseRecord("a,1,NA,red,0.5,-1,1", SOURCE, 8));
            assertEquals("targets.csv line 8: label column 'y1' (index 2): missing value 'NA'; every row needs a"
                    + " value in each of the 2 label columns", e.getMessage());
        }
        CsvParser plain = parser(CsvOptions.builder().labels("y2", "y1").ignore("id", "color"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> plain.parse("a,1,,red,0.5,-1,1", SOURCE, 3));
        assertEquals("targets.csv line 3: label column 'y1' (index 2): missing value (empty cell); every row needs a"
                + " value in each of the 2 label columns", e.getMessage());
    }

    @Test
    void aTargetThatIsNotANumberIsAnErrorNamingFileLineAndColumn() {
        CsvParser csv = parser(table());
        TableSchema.Parser parser = fit(csv).parser(csv);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> parser.parse("a,1,ten,red,0.5,-1,1", SOURCE, 4));
        assertEquals("targets.csv line 4: label column 'y1' (index 2): 'ten' is not a finite number (a regression"
                + " target must be a number)", e.getMessage());
    }

    @Test
    void aTargetColumnHasNoOtherRoleAndTheMessageNamesTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().labels("y1", "y2").ignore("y2")));
        assertEquals("CSV column 'y2' (index 5) of targets.csv is both a label column (data.label) and ignored"
                + " (data.ignore); a column is one or the other", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().labels("y1", "y2").weight("y1")));
        assertEquals("CSV column 'y1' (index 2) of targets.csv is both a label column (data.label) and the weight"
                + " column (data.weight); a column is one or the other", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().labels("y1", "y2").categorical("y2")));
        assertEquals("CSV column 'y2' (index 5) of targets.csv is declared categorical (data.categorical) but is a"
                + " label column (data.label); only a feature column can be categorical", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().labels(List.of(CsvColumn.named("y1"), CsvColumn.at(2)))));
        assertEquals("CSV column 'y1' (index 2) of targets.csv is named twice as a label column (data.label); give"
                + " each target column once", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().labels("y1", "z")));
        assertTrue(e.getMessage().startsWith("CSV label column 'z' is not in the header of targets.csv"),
                e.getMessage());
    }

    @Test
    void targetColumnsNeedDistinctNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvParser.create(
                CsvOptions.builder().header(true).labels(List.of(CsvColumn.at(1), CsvColumn.at(2))).build(),
                "x,y,y", SOURCE));
        assertEquals("CSV column 'y' (index 1) and column 'y' (index 2) of targets.csv, both label columns"
                + " (data.label), have the same name; the targets of a regression are named after their columns, so"
                + " they need distinct names", e.getMessage());
    }

    @Test
    void aClassificationHasOneLabelColumn() {
        CsvParser csv = parser(table());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvProfile.of(csv, true));
        assertEquals("a classification has one label column, not 2 [y2, y1]; several label columns (data.label)"
                + " are the targets of a regression", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TableSchema.fit(csv, CsvProfile.of(csv, false), true));
        assertTrue(e.getMessage().startsWith("a classification has one label column, not 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().labels(List.of(CsvColumn.at(0), CsvColumn.at(1))).labelOrder("a", "b")
                        .build());
        assertTrue(e.getMessage().contains("several label columns are the targets of a regression"),
                e.getMessage());
    }

    @Test
    void aSchemaReadsOnlyDataWithItsNumberOfTargetColumns() {
        TableSchema schema = fit(parser(table()));
        CsvParser oneTarget = parser(CsvOptions.builder().label("y2").ignore("id").categorical("color").weight("w")
                .ignore("y1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.parser(oneTarget));
        assertTrue(e.getMessage().startsWith("the CSV label columns [y2] (data.label) are 1, but the schema was"
                + " fitted on 2 [y2, y1]"), e.getMessage());
    }

    @Test
    void tooFewColumnsNameEveryTargetColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvParser.create(
                CsvOptions.builder().labels(List.of(CsvColumn.at(0), CsvColumn.at(1))).ignore(2).build(), "1,2,3",
                SOURCE));
        assertEquals("targets.csv has no feature column left: 3 columns, of which the labels are column index 0,"
                + " column index 1 and 1 are ignored", e.getMessage());
    }
}
