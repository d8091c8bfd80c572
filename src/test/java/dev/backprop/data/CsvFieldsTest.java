package dev.backprop.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting one line into fields, RFC 4180 quoting within a line. */
class CsvFieldsTest {

    private static String[] split(String line) {
        return CsvFields.split(line, ',', '"', "t.csv", 3);
    }

    @Test
    void splitsOnTheDelimiterAndTrimsUnquotedFields() {
        assertArrayEquals(new String[] {"1", "2.5", "x y"}, split(" 1 ,\t2.5,  x y "));
    }

    @Test
    void emptyFieldsAreKeptIncludingATrailingOne() {
        assertArrayEquals(new String[] {"", "a", "", ""}, split(",a,,"));
        assertArrayEquals(new String[] {""}, split(""));
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndDoubledQuotes() {
        assertArrayEquals(new String[] {"1", "Smith, John", "say \"hi\"", "", "2"},
                split("1,\"Smith, John\",\"say \"\"hi\"\"\",\"\",2"));
    }

    @Test
    void whitespaceAroundQuotesIsDroppedAndInsideKept() {
        assertArrayEquals(new String[] {" a ", "b"}, split("  \" a \"  , \"b\""));
    }

    @Test
    void aQuotedLastFieldAndAQuotedFirstField() {
        assertArrayEquals(new String[] {"a,b", "c"}, split("\"a,b\",c"));
        assertArrayEquals(new String[] {"c", "a,b"}, split("c,\"a,b\""));
        assertArrayEquals(new String[] {"c", ""}, split("c,\"\""));
    }

    @Test
    void otherDelimitersAndQuotes() {
        assertArrayEquals(new String[] {"1,5", "2"}, CsvFields.split("'1,5';2", ';', '\'', "t", 1));
        assertArrayEquals(new String[] {"a b", "c"}, CsvFields.split("a b\tc", '\t', '"', "t", 1));
        assertArrayEquals(new String[] {"1", "x\ty", "2"}, CsvFields.split("1\t\"x\ty\"\t2", '\t', '"', "t", 1));
    }

    @Test
    void anUnclosedQuoteSaysThatFieldsCannotSpanLines() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> split("1,\"abc,2"));
        assertEquals("t.csv", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("t.csv line 3: column index 1: unbalanced quote"), e.getMessage());
        assertTrue(e.getMessage().contains("may not contain line breaks"), e.getMessage());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnError() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> split("1,def\",2"));
        assertTrue(e.getMessage().startsWith("t.csv line 3: column index 1: quote"), e.getMessage());
        assertTrue(e.getMessage().contains("line breaks"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> split("\"ab\"c,1"));
        assertTrue(e.getMessage().startsWith("t.csv line 3: column index 0: unexpected 'c' after the closing quote"),
                e.getMessage());
    }
}
