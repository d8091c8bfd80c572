package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV options: defaults, validation, and column references as written in a configuration. */
class CsvOptionsTest {

    @Test
    void defaults() {
        CsvOptions o = CsvOptions.defaults();
        assertEquals(',', o.delimiter());
        assertEquals('"', o.quote());
        assertFalse(o.header());
        assertEquals(CsvColumn.at(-1), o.label());
        assertEquals(List.of(CsvColumn.at(-1)), o.labels());
        assertEquals(List.of(), o.ignored());
        assertEquals(0, o.numFeatures());
    }

    @Test
    void builderSetsEverythingAndToBuilderRoundTrips() {
        CsvOptions o = CsvOptions.builder().delimiter(';').quote('\'').header(true).label("y").ignore("id")
                .ignore(0).numFeatures(4).build();
        assertEquals(';', o.delimiter());
        assertEquals('\'', o.quote());
        assertTrue(o.header());
        assertEquals(CsvColumn.named("y"), o.label());
        assertEquals(List.of(CsvColumn.named("id"), CsvColumn.at(0)), o.ignored());
        assertEquals(4, o.numFeatures());
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
        assertNotEquals(o, o.toBuilder().numFeatures(5).build());
        assertTrue(o.toString().contains("label 'y'"), o.toString());
    }

    @Test
    void theLabelIsReplacedNotAdded() {
        CsvOptions o = CsvOptions.builder().label(0).label(2).build();
        assertEquals(List.of(CsvColumn.at(2)), o.labels());
    }

    @Test
    void namesNeedAHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().label("price").build());
        assertTrue(e.getMessage().contains("'price' is given by name, which needs a header"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().ignore("id").build());
        assertTrue(e.getMessage().contains("ignored column 'id'"), e.getMessage());
    }

    @Test
    void refusesBadCharactersAndCounts() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().delimiter('"').build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().delimiter('\n').build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().quote(' ').build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().quote('\r').build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().numFeatures(-1).build());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void tabAndSpaceAreValidDelimiters() {
        assertEquals('\t', CsvOptions.builder().delimiter('\t').build().delimiter());
        assertEquals(' ', CsvOptions.builder().delimiter(' ').build().delimiter());
    }

    @Test
    void columnReferencesParseIntegersAsIndicesAndTheRestAsNames() {
        assertEquals(CsvColumn.at(3), CsvColumn.parse("3"));
        assertEquals(CsvColumn.at(-1), CsvColumn.parse(" -1 "));
        assertEquals(CsvColumn.at(0), CsvColumn.parse("+0"));
        assertEquals(CsvColumn.named("age"), CsvColumn.parse(" age "));
        assertEquals(CsvColumn.named("3a"), CsvColumn.parse("3a"));
        assertEquals("'age'", CsvColumn.named("age").toString());
        assertEquals("index -1", CsvColumn.at(-1).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "99999999999"})
    void badColumnReferencesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CsvColumn.parse(text));
    }
}
