package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV lines as raw records: text labels, numeric and categorical cells, and the options that declare them. */
class CsvRecordTest {

    private static final String HEADER = "id,sepal,color,petal,species";

    private static CsvParser parser(CsvOptions.Builder options) {
        return CsvParser.create(options.header(true).build(), HEADER, "iris.csv");
    }

    @Test
    void textLabelLastNumericAndCategoricalCells() {
        CsvParser p = parser(CsvOptions.builder().label("species").ignore("id").categorical("color"));
        CsvRecord r = p.parseRecord("7,5.1,\"red, dark\",1.4, Iris-setosa ", "iris.csv", 2);
        assertEquals(new CsvRecord("Iris-setosa", new double[] {5.1, 1.4}, new String[] {"red, dark"}), r);
        assertEquals(List.of("sepal", "petal"), p.numericNames());
        assertEquals(List.of("color"), p.categoricalNames());
        assertArrayEquals(new int[] {1, 3}, p.numericColumns());
        assertArrayEquals(new int[] {2}, p.categoricalColumns());
        assertArrayEquals(new boolean[] {false, true, false}, p.categoricalFeatures());
        assertEquals(List.of("sepal", "color", "petal"), p.featureNames());
        assertEquals(3, p.numFeatures());
        assertNull(p.parseRecord("   ", "iris.csv", 3));
    }

    @Test
    void categoricalByIndexWithoutHeader() {
        CsvParser p = CsvParser.create(CsvOptions.builder().categorical(1, -2).build(), "1,a,b,yes", "f.csv");
        assertEquals(List.of("_c0"), p.numericNames());
        assertEquals(List.of("_c1", "_c2"), p.categoricalNames());
        assertEquals(new CsvRecord("yes", new double[] {1}, new String[] {"a", "b"}),
                p.parseRecord("1,a,b,yes", "f.csv", 1));
    }

    @Test
    void numbersInACategoricalColumnAreCategories() {
        CsvParser p = parser(CsvOptions.builder().label("species").categorical("id"));
        CsvRecord r = p.parseRecord("007,5.1,3,1.4,setosa", "iris.csv", 2);
        assertArrayEquals(new String[] {"007"}, r.categories());
        assertArrayEquals(new double[] {5.1, 3, 1.4}, r.numeric());
    }

    @Test
    void textInANumericColumnSuggestsDeclaringItCategorical() {
        CsvParser p = parser(CsvOptions.builder().label("species"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> p.parseRecord("7,5.1,red,1.4,setosa", "iris.csv", 6));
        assertEquals("iris.csv line 6: column 'color' (index 2): 'red' is not a number (a column of categories must"
                + " be declared categorical)", e.getMessage());
    }

    @Test
    void wrongNumberOfFieldsInARecord() {
        CsvParser p = parser(CsvOptions.builder().label("species").categorical("color"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> p.parseRecord("7,5.1,red,setosa", "iris.csv", 4));
        assertEquals("iris.csv line 4: expected 5 fields, got 4 (delimiter ',')", e.getMessage());
    }

    @Test
    void onlyAFeatureColumnCanBeCategorical() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().label("species").categorical("species")));
        assertEquals("CSV column 'species' (index 4) of iris.csv is declared categorical (data.categorical) but is"
                + " the label (data.label); only a feature column can be categorical", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().label("species").ignore("id").categorical("id")));
        assertTrue(e.getMessage().contains("is the ignored"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> parser(CsvOptions.builder().label("species").categorical("colour")));
        assertTrue(e.getMessage().startsWith("CSV categorical column 'colour' is not in the header of iris.csv"),
                e.getMessage());
    }

    @Test
    void categoricalByNameNeedsAHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().categorical("color").build());
        assertTrue(e.getMessage().contains("categorical column 'color' is given by name"), e.getMessage());
    }

    @Test
    void declaredTwiceIsOnce() {
        CsvParser p = parser(CsvOptions.builder().label("species").categorical("color").categorical(2));
        assertEquals(List.of("color"), p.categoricalNames());
    }

    @Test
    void parseIntoPointsRefusesOptionsThatNeedASchema() {
        CsvParser p = parser(CsvOptions.builder().label("species").categorical("color"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.parse("7,5.1,red,1.4,1", "iris.csv", 2));
        assertTrue(e.getMessage().contains("TableSchema"), e.getMessage());
        CsvParser plain = parser(CsvOptions.builder().label("species"));
        assertEquals(new LabeledPoint(1, new int[] {0, 1, 2, 3}, new double[] {7, 5.1, 3, 1.4}),
                plain.parse("7,5.1,3,1.4,1", "iris.csv", 2));
    }

    @Test
    void newOptionsAreKeptValidatedAndCompared() {
        CsvOptions o = CsvOptions.builder().header(true).categorical("color").categorical(3)
                .missing(MissingValues.MEAN).missingTexts("?", "NA").unseenCategories(UnseenCategories.IGNORE)
                .labelOrder("no", "yes").build();
        assertEquals(List.of(CsvColumn.named("color"), CsvColumn.at(3)), o.categorical());
        assertEquals(MissingValues.MEAN, o.missing());
        assertEquals(List.of("?", "NA"), o.missingTexts());
        assertEquals(UnseenCategories.IGNORE, o.unseenCategories());
        assertEquals(List.of("no", "yes"), o.labelOrder());
        assertTrue(o.needsSchema());
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
        assertTrue(o.toString().contains("categorical ['color', index 3], missing mean [?, NA], unseen categories"
                + " ignore, labels [no, yes]"), o.toString());
        CsvOptions d = CsvOptions.defaults();
        assertEquals(List.of(), d.categorical());
        assertEquals(MissingValues.ERROR, d.missing());
        assertEquals(UnseenCategories.ERROR, d.unseenCategories());
        assertEquals(List.of(), d.labelOrder());
        assertEquals(false, d.needsSchema());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().labelOrder("1", "1.0").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().missingTexts(" ").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().missingTexts("a,b").build());
    }
}
