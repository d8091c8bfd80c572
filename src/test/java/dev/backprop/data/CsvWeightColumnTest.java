package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example weight column of CSV data: not a feature, carried into points and records, checked cell by cell
 * (finite, non-negative, present) with errors naming file, line and column; and blocks weighted by it.
 */
class CsvWeightColumnTest {

    private static final String SOURCE = "weighted.csv";
    private static final String HEADER = "a,w,b,label";

    private static CsvParser parser(CsvOptions.Builder options) {
        return CsvParser.create(options.header(true).label("label").build(), HEADER, SOURCE);
    }

    @Test
    void theWeightColumnIsNotAFeatureAndGivesThePointItsWeight() {
        CsvParser p = parser(CsvOptions.builder().weight("w"));
        assertEquals(List.of("a", "b"), p.featureNames());
        assertEquals(1, p.weightColumn());
        assertEquals(new LabeledPoint(1, new int[] {0, 1}, new double[] {3, 4}, 2.5), p.parse("3,2.5,4,1", SOURCE, 2));
        assertEquals(0, p.parse("3,0,4,1", SOURCE, 3).weight());
        assertEquals(new CsvRecord("1", new double[] {3, 4}, new String[0], 2.5),
                p.parseRecord("3, 2.5 ,4,1", SOURCE, 2));
    }

    @Test
    void byIndexWithoutAHeaderAndNoneByDefault() {
        CsvParser p = CsvParser.create(CsvOptions.builder().label(-1).weight(0).build(), "2,5,6,1", SOURCE);
        assertEquals(new LabeledPoint(1, new int[] {0, 1}, new double[] {5, 6}, 2), p.parse("2,5,6,1", SOURCE, 1));
        CsvParser none = parser(CsvOptions.builder());
        assertEquals(-1, none.weightColumn());
        assertEquals(1, none.parse("3,2.5,4,1", SOURCE, 2).weight());
        assertEquals(3, none.numFeatures());
        assertNull(CsvOptions.defaults().weight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.5", "abc", "NaN", "Infinity", "1e400", "0x10", "", "  "})
    void aBadOrMissingWeightNamesFileLineAndColumn(String cell) {
        CsvParser p = parser(CsvOptions.builder().weight("w"));
        String line = "3," + cell + ",4,1";
        DataFormatException parsed = assertThrows(DataFormatException.class, () -> p.parse(line, SOURCE, 7));
        DataFormatException record = assertThrows(DataFormatException.class, () -> p.parseRecord(line, SOURCE, 7));
        for (DataFormatException e : List.of(parsed, record)) {
            assertEquals(SOURCE, e.source());
            assertEquals(7, e.line());
            assertTrue(e.getMessage().contains("weighted.csv line 7: weight column 'w' (index 1)"), e.getMessage());
        }
    }

    @Test
    void aMissingWeightIsAnErrorEvenWhenMissingValuesAreImputed() {
        CsvParser p = parser(CsvOptions.builder().weight("w").missing(MissingValues.MEAN).missingTexts(List.of("NA")));
        DataFormatException e = assertThrows(DataFormatException.class, () -> p.parseRecord("3,NA,4,1", SOURCE, 4));
        assertTrue(e.getMessage().contains("weight column 'w' (index 1): missing value 'NA'"), e.getMessage());
    }

    @Test
    void predictionDataDoesNotReadTheWeight() {
        CsvParser p = parser(CsvOptions.builder().weight("w"));
        assertEquals(1, p.parseRecordIgnoringLabel("3,,4,", SOURCE, 2).weight());
    }

    @Test
    void theWeightColumnCannotAlsoBeLabelIgnoredOrCategoricalAndNeedsAHeaderWhenNamed() {
        assertThrows(IllegalArgumentException.class, () -> parser(CsvOptions.builder().weight("label")));
        assertThrows(IllegalArgumentException.class, () -> parser(CsvOptions.builder().weight("w").ignore("w")));
        assertThrows(IllegalArgumentException.class, () -> parser(CsvOptions.builder().weight("w").categorical("w")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().weight("weight")));
        assertTrue(unknown.getMessage().contains("weight column 'weight'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().weight("w").build());
        CsvOptions options = CsvOptions.builder().header(true).weight("w").build();
        assertEquals(options, options.toBuilder().build());
        assertTrue(!options.equals(CsvOptions.builder().header(true).build()));
    }

    @Test
    void aSchemaCarriesTheWeightIntoItsPoints() {
        CsvParser csv = CsvParser.create(CsvOptions.builder().header(true).label("label").weight("w")
                .categorical("c").build(), "a,c,w,label", SOURCE);
        List<String> lines = List.of("1,x,2,yes", "2,y,0.5,no");
        TableSchema schema = MissingValuesTest.fit(csv, lines, true);
        assertEquals(List.of("a", "c"), schema.columns());
        TableSchema.Parser parser = schema.parser(csv);
        LabeledPoint p = parser.parse("1,x,2,yes", SOURCE, 2);
        assertEquals(2, p.weight());
        assertEquals(0.5, schema.pointOf(csv.parseRecord("2,y,0.5,no", SOURCE, 3), UnseenCategories.ERROR,
                SOURCE, 3).weight());
        assertEquals(1, parser.ignoringLabels().parse("1,x,,", SOURCE, 2).weight());
        assertThrows(DataFormatException.class, () -> parser.parse("1,x,-2,yes", SOURCE, 9));
    }

    @Test
    void pointsKeepTheirWeightThroughScalingAndRelabelling() {
        LabeledPoint p = new LabeledPoint(1, new int[] {0, 1}, new double[] {2, 4}, 3);
        assertEquals(3, FeatureScaler.of(new double[] {1, 1}, new double[] {2, 2}).apply(p).weight());
        assertEquals(3, FeatureScaler.of(new double[] {0}, new double[] {2}).applyToLabels(p).weight());
        assertEquals(3, FeatureScaler.of(new double[] {0, 0}, new double[] {2, 2}).apply(p).weight());
        assertEquals(3, p.withLabel(0).weight());
        assertEquals(3, p.withFeatures(new int[0], new double[0]).weight());
        assertTrue(!p.equals(new LabeledPoint(1, new int[] {0, 1}, new double[] {2, 4})));
        assertThrows(IllegalArgumentException.class, () -> new LabeledPoint(1, new int[0], new double[0], -1));
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledPoint(1, new int[0], new double[0], Double.NaN));
    }

    @Test
    void blocksUseThePointsWeightsAndStayUnweightedWhenAllAreOne() {
        BlockBuilder builder = new BlockBuilder(1, new TargetEncoding.OneHot(2), dev.backprop.tensor.Precision.DOUBLE,
                10);
        LabeledPoint a = new LabeledPoint(0, new int[] {0}, new double[] {1});
        LabeledPoint b = new LabeledPoint(1, new int[] {0}, new double[] {2}, 2);
        assertNull(builder.stack(List.of(a, a), "s").weights());
        assertArrayEquals(new double[] {1, 2}, builder.stack(List.of(a, b), "s").weights().toDoubleArray());
        assertArrayEquals(new double[] {5, 7}, builder.stack(List.of(a, b), new double[] {5, 7}, "s").weights()
                .toDoubleArray(), "an explicit array is the row weight");
        BlockBuilder classWeighted = builder.withClassWeights(ClassWeights.explicit(new double[] {3, 10}));
        assertArrayEquals(new double[] {3, 20}, classWeighted.stack(List.of(a, b), "s").weights().toDoubleArray());
    }
}
