package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records into points with a fitted schema: label maps, one-hot layout, unseen categories, exact storage. */
class TableSchemaTest {

    private static final String HEADER = "id,age,color,size,income,diagnosis";
    private static final List<String> TRAIN = List.of(
            "1,30,red,S,1000,benign",
            "2,40,blue,M,2000,malignant",
            "",
            "3,50,green,S,1500,benign",
            "4,35,red,L,2500,malignant");

    private static CsvOptions.Builder tableOptions() {
        return CsvOptions.builder().header(true).label("diagnosis").ignore("id").categorical("color", "size");
    }

    private static CsvParser parser(CsvOptions.Builder options) {
        return CsvParser.create(options.build(), HEADER, "train.csv");
    }

    private static TableSchema fit(CsvParser parser, List<String> lines, boolean classification) {
        return MissingValuesTest.fit(parser, lines, classification);
    }

    private static LabeledPoint dense(double label, double... values) {
        int[] indices = new int[values.length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return new LabeledPoint(label, indices, values);
    }

    @Test
    void textLabelLastAndCategoricalColumnsOneHotInPlace() {
        CsvParser csv = parser(tableOptions());
        TableSchema schema = fit(csv, TRAIN, true);
        assertTrue(schema.classification());
        assertEquals(List.of("benign", "malignant"), schema.labelMap().labels());
        assertEquals(List.of("age", "color", "size", "income"), schema.columns());
        assertEquals(List.of("color", "size"), schema.categoricalColumns());
        assertEquals(List.of("age", "color=blue", "color=green", "color=red", "size=L", "size=M", "size=S",
                "income"), schema.featureNames());
        assertEquals(8, schema.numFeatures());
        assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, false}, schema.oneHotFeatures());
        assertEquals("diagnosis", schema.labelColumn());

        TableSchema.Parser parser = schema.parser(csv);
        assertEquals(8, parser.numFeatures());
        assertNull(parser.parse(HEADER, "train.csv", 1));
        assertNull(parser.parse("  ", "train.csv", 4));
        assertEquals(dense(1, 40, 1, 0, 0, 0, 1, 0, 2000), parser.parse("2,40,blue,M,2000,malignant", "t.csv", 3));
        assertEquals(dense(0, 35, 0, 0, 1, 1, 0, 0, 2500), parser.parse("9,35, red ,L,2500, benign", "t.csv", 5));
    }

    @Test
    void numericLabelsMapToClassesAndRegressionKeepsTheNumber() {
        String header = "x,y";
        CsvParser csv = CsvParser.create(CsvOptions.builder().header(true).label("y").build(), header, "f.csv");
        List<String> lines = List.of("0.5,-1", "0.25,+1", "1,1.0", "2,-1");
        TableSchema classes = fit(csv, lines, true);
        assertEquals(List.of("-1", "+1"), classes.labelMap().labels()); // "+1" is shorter than "1.0"
        TableSchema.Parser p = classes.parser(csv);
        assertEquals(dense(1, 0.25), p.parse("0.25,+1", "f.csv", 3));
        assertEquals(dense(0, 2), p.parse("2,-1.0", "f.csv", 5));

        TableSchema regression = fit(csv, lines, false);
        assertNull(regression.labelMap());
        assertEquals(0, regression.numClasses());
        TableSchema.Parser r = regression.parser(csv);
        assertEquals(dense(-1, 0.5), r.parse("0.5,-1", "f.csv", 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> r.parse("0.5,big", "f.csv", 9));
        assertEquals("f.csv line 9: label column 'y' (index 1): 'big' is not a finite number (a regression target"
                + " must be a number)", e.getMessage());
    }

    @Test
    void explicitLabelOrderFromTheOptions() {
        CsvParser csv = parser(tableOptions().labelOrder("malignant", "benign"));
        TableSchema schema = fit(csv, TRAIN, true);
        assertEquals(List.of("malignant", "benign"), schema.labelMap().labels());
        assertEquals(0, schema.parser(csv).parse("2,40,blue,M,2000,malignant", "t.csv", 3).label());
    }

    @Test
    void unknownLabelNamesFileAndLine() {
        CsvParser csv = parser(tableOptions());
        TableSchema.Parser parser = fit(csv, TRAIN, true).parser(csv);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> parser.parse("5,20,red,S,10,unsure", "data/test.csv", 31));
        assertEquals("data/test.csv line 31: label 'unsure' is not one of the 2 known labels 'benign', 'malignant'",
                e.getMessage());
    }

    @Test
    void unseenCategoryIsAnErrorByDefault() {
        CsvParser csv = parser(tableOptions());
        TableSchema.Parser parser = fit(csv, TRAIN, true).parser(csv);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> parser.parse("5,20,purple,S,10,benign", "data/test.csv", 8));
        assertEquals("data/test.csv", e.source());
        assertEquals(8, e.line());
        assertEquals("data/test.csv line 8: column 'color' (index 2): category 'purple' was not in the training data,"
                + " whose 3 categories are 'blue', 'green', 'red' (the unseen-category policy 'ignore' encodes it as"
                + " none of them)", e.getMessage());
    }

    @Test
    void unseenCategoryIgnoredIsAllZero() {
        CsvParser train = parser(tableOptions());
        TableSchema schema = fit(train, TRAIN, true);
        CsvParser test = parser(tableOptions().unseenCategories(UnseenCategories.IGNORE));
        assertEquals(dense(0, 20, 0, 0, 0, 0, 0, 1, 10),
                schema.parser(test).parse("5,20,purple,S,10,benign", "test.csv", 8));
    }

    @Test
    void predictionIgnoresTheLabel() {
        CsvParser csv = parser(tableOptions());
        TableSchema.Parser parser = fit(csv, TRAIN, true).parser(csv).ignoringLabels();
        assertEquals(dense(0, 20, 0, 0, 1, 0, 0, 1, 10), parser.parse("5,20,red,S,10,", "new.csv", 2));
        assertEquals(dense(0, 20, 0, 0, 1, 0, 0, 1, 10), parser.parse("5,20,red,S,10,unsure", "new.csv", 3));
    }

    @Test
    void aParserWithOtherColumnsIsRefused() {
        TableSchema schema = fit(parser(tableOptions()), TRAIN, true);
        CsvParser notCategorical = parser(CsvOptions.builder().header(true).label("diagnosis").ignore("id")
                .categorical("color"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> schema.parser(notCategorical));
        assertEquals("the CSV feature columns [age, color (categorical), size, income] do not match the ones the"
                + " schema was fitted on [age, color (categorical), size (categorical), income]", e.getMessage());
        CsvParser renamed = CsvParser.create(tableOptions().build(), "id,AGE,color,size,income,diagnosis", "x");
        assertThrows(IllegalArgumentException.class, () -> schema.parser(renamed));
    }

    @Test
    void stateRoundTripGivesIdenticalPoints() throws Exception {
        CsvParser csv = parser(tableOptions().missing(MissingValues.MEAN));
        List<String> train = new ArrayList<>(TRAIN);
        train.add("5,,blue,,1234.5678,benign");
        TableSchema schema = fit(csv, train, true);
        TableSchema.State state = schema.state();

        // as a model file would hold it: plain strings, booleans and doubles, copied into fresh collections
        List<List<String>> categories = new ArrayList<>();
        state.categories().forEach(c -> categories.add(new ArrayList<>(c)));
        TableSchema.State stored = new TableSchema.State(state.labelColumn(), new ArrayList<>(state.labels()),
                new ArrayList<>(state.columns()), new ArrayList<>(state.categorical()), categories,
                new ArrayList<>(state.means()));
        TableSchema restored = TableSchema.restore(stored);
        assertEquals(schema, restored);
        assertEquals(state, restored.state());
        assertEquals(schema.featureNames(), restored.featureNames());

        TableSchema.Parser before = schema.parser(csv);
        TableSchema.Parser after = restored.parser(csv);
        List<String> lines = new ArrayList<>(train);
        lines.add("6,41,,M,,malignant");
        lines.add("7,1e3,green,L,-0.0,benign");
        for (int i = 0; i < lines.size(); i++) {
            LabeledPoint a = before.parse(lines.get(i), "t.csv", i + 2);
            LabeledPoint b = after.parse(lines.get(i), "t.csv", i + 2);
            assertEquals(a, b, lines.get(i));
            if (a != null) {
                for (int f = 0; f < a.values().length; f++) {
                    assertEquals(Double.doubleToRawLongBits(a.values()[f]),
                            Double.doubleToRawLongBits(b.values()[f]));
                }
            }
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(before);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TableSchema.Parser shipped = (TableSchema.Parser) in.readObject();
            assertEquals(before.parse(lines.get(1), "t.csv", 3), shipped.parse(lines.get(1), "t.csv", 3));
        }
    }

    @Test
    void regressionStateHasNoLabels() {
        CsvParser csv = CsvParser.create(CsvOptions.builder().header(true).label("y").build(), "x,y", "f.csv");
        TableSchema schema = fit(csv, List.of("1,2", "3,4"), false);
        TableSchema.State state = schema.state();
        assertEquals(List.of(), state.labels());
        assertEquals(false, state.classification());
        assertEquals(List.of(2.0), state.means());
        assertEquals(schema, TableSchema.restore(state));
    }

    @Test
    void inconsistentStatesAreRefused() {
        TableSchema.State good = fit(parser(tableOptions()), TRAIN, true).state();
        List<Double> fewerMeans = new ArrayList<>(good.means());
        fewerMeans.remove(0);
        assertThrows(IllegalArgumentException.class, () -> TableSchema.restore(new TableSchema.State(
                good.labelColumn(), good.labels(), good.columns(), good.categorical(), good.categories(),
                fewerMeans)));
        List<Boolean> allNumeric = new ArrayList<>(List.of(false, false, false, false));
        assertThrows(IllegalArgumentException.class, () -> TableSchema.restore(new TableSchema.State(
                good.labelColumn(), good.labels(), good.columns(), allNumeric, good.categories(), good.means())));
        assertThrows(IllegalArgumentException.class, () -> TableSchema.restore(new TableSchema.State(
                good.labelColumn(), List.of("a", "a"), good.columns(), good.categorical(), good.categories(),
                good.means())));
    }

    @Test
    void tooManyCategoriesNamesTheColumn() {
        CsvParser csv = parser(tableOptions());
        CsvProfile profile = CsvProfile.of(csv, true, 2);
        for (int i = 0; i < TRAIN.size(); i++) {
            CsvRecord r = csv.parseRecord(TRAIN.get(i), "train.csv", i + 2);
            if (r != null) {
                profile.add(r);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSchema.fit(csv, profile, true));
        assertEquals("categorical column 'color' (index 2) has more than 2 distinct values in the training data,"
                + " too many to one-hot encode (ignore the column, or do not declare it categorical if it holds"
                + " numbers)", e.getMessage());
        CsvProfile labels = CsvProfile.of(csv, true, 1);
        labels.add(csv.parseRecord("1,2,red,S,1,a", "f", 2));
        labels.add(csv.parseRecord("1,2,red,S,1,b", "f", 3));
        e = assertThrows(IllegalArgumentException.class, labels::checkLimits);
        assertTrue(e.getMessage().startsWith("the label column 'diagnosis' (index 5) has more than 1 distinct"),
                e.getMessage());
    }

    @Test
    void layoutExampleOfTheDocumentation() {
        CsvParser csv = CsvParser.create(CsvOptions.builder().header(true).label(0).categorical("color").build(),
                "y,age,color,height", "f.csv");
        TableSchema schema = fit(csv, List.of("1,30,red,1.8", "0,20,blue,1.6"), true);
        assertEquals(List.of("age", "color=blue", "color=red", "height"), schema.featureNames());
        Map<String, List<String>> categories = new LinkedHashMap<>();
        categories.put("color", schema.encoder("color").categories());
        assertEquals(Map.of("color", List.of("blue", "red")), categories);
        assertNotNull(schema.toString());
    }
}
