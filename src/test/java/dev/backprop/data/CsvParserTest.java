package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV lines into dense points: label by name or index, ignored columns, quoting, and errors that say where. */
class CsvParserTest {

    private static final String SOURCE = "people.csv";
    private static final String HEADER = "id,age,income,label,height";
    private static final String MISSING = "missing value (empty cell); the missing-value policy is 'error' (the"
            + " policy 'mean' imputes the training mean)";

    private static CsvParser withHeader(CsvOptions.Builder options, String header) {
        return CsvParser.create(options.header(true).build(), header, SOURCE);
    }

    private static LabeledPoint point(double label, double... values) {
        int[] indices = new int[values.length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return new LabeledPoint(label, indices, values);
    }

    private static DataFormatException failure(CsvParser parser, String line, long lineNumber) {
        return assertThrows(DataFormatException.class, () -> parser.parse(line, SOURCE, lineNumber));
    }

    // --- label and features ---

    @Test
    void headerWithTheLabelByNameInTheMiddle() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        assertEquals(point(1, 7, 31, 52000, 1.8), p.parse("7,31,52000,1,1.8", SOURCE, 2));
        assertEquals(List.of("id", "age", "income", "height"), p.featureNames());
        assertEquals(List.of("id", "age", "income", "label", "height"), p.columnNames());
        assertEquals(3, p.labelColumn());
        assertEquals("label", p.labelName());
        assertEquals(4, p.numFeatures());
        assertEquals(5, p.numColumns());
        assertArrayEquals(new int[] {0, 1, 2, 4}, p.featureColumns());
    }

    @Test
    void headerWithTheLabelByNameInTheLastPosition() {
        CsvParser p = withHeader(CsvOptions.builder().label("height"), HEADER);
        assertEquals(point(1.8, 7, 31, 52000, 1), p.parse("7,31,52000,1,1.8", SOURCE, 2));
        assertEquals(List.of("id", "age", "income", "label"), p.featureNames());
    }

    @Test
    void headerWithTheLabelByIndex() {
        CsvParser p = withHeader(CsvOptions.builder().label(0), HEADER);
        assertEquals(point(7, 31, 52000, 1, 1.8), p.parse("7,31,52000,1,1.8", SOURCE, 2));
        assertEquals("id", p.labelName());
    }

    @Test
    void noHeaderWithTheLabelByIndex() {
        CsvParser p = CsvParser.create(CsvOptions.builder().label(1).build(), "1,2,3", SOURCE);
        assertEquals(point(20, 10, 30), p.parse("10,20,30", SOURCE, 5));
        assertEquals(List.of("_c0", "_c2"), p.featureNames());
        assertEquals("_c1", p.labelName());
    }

    @Test
    void noHeaderWithNegativeIndicesCountingFromTheEnd() {
        CsvParser last = CsvParser.create(CsvOptions.builder().label(-1).build(), "1,2,3,4", SOURCE);
        assertEquals(point(4, 1, 2, 3), last.parse("1,2,3,4", SOURCE, 1));
        assertEquals(3, last.labelColumn());
        CsvParser secondToLast = CsvParser.create(CsvOptions.builder().label(-2).build(), "1,2,3,4", SOURCE);
        assertEquals(point(3, 1, 2, 4), secondToLast.parse("1,2,3,4", SOURCE, 1));
        CsvParser first = CsvParser.create(CsvOptions.builder().label(-4).build(), "1,2,3,4", SOURCE);
        assertEquals(point(1, 2, 3, 4), first.parse("1,2,3,4", SOURCE, 1));
    }

    @Test
    void theDefaultLabelIsTheLastColumn() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "0.5,0.25,1", SOURCE);
        assertEquals(point(1, 0.5, 0.25), p.parse("0.5,0.25,1", SOURCE, 1));
    }

    @Test
    void withoutHeaderOrFirstRowTheDeclaredFeaturesGiveTheColumns() {
        CsvParser p = CsvParser.create(CsvOptions.builder().label(0).ignore(-1).numFeatures(2).build(), null,
                SOURCE);
        assertEquals(4, p.numColumns());
        assertEquals(point(1, 2, 3), p.parse("1,2,3,x", SOURCE, 1));
    }

    @Test
    void theDeclaredNumberOfFeaturesMustMatch() {
        CsvParser p = withHeader(CsvOptions.builder().label("label").numFeatures(4), HEADER);
        assertEquals(4, p.numFeatures());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("label").numFeatures(784), HEADER));
        assertTrue(e.getMessage().contains("784 features expected, but people.csv has 5 columns in its header,"
                + " which give 4 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.create(CsvOptions.builder().numFeatures(3).build(), "1,2,3", SOURCE));
        assertTrue(e.getMessage().contains("3 features expected, but people.csv has 3 columns in its first data row,"
                + " which give 2 features"), e.getMessage());
    }

    // --- ignored columns ---

    @Test
    void ignoredColumnsByNameAreSkippedWhateverTheyHold() {
        CsvParser p = withHeader(CsvOptions.builder().label("label").ignore("id", "height"), HEADER);
        assertEquals(point(0, 31, 52000), p.parse("\"a-17\",31,52000,0,", SOURCE, 2));
        assertEquals(List.of("age", "income"), p.featureNames());
        assertArrayEquals(new int[] {1, 2}, p.featureColumns());
    }

    @Test
    void ignoredColumnsByIndexIncludingNegative() {
        CsvParser p = CsvParser.create(CsvOptions.builder().label(1).ignore(0, -1).build(), "a,1,2,3,b", SOURCE);
        assertEquals(point(1, 2, 3), p.parse("row-9,1,2,3,free text", SOURCE, 1));
        assertEquals(List.of("_c2", "_c3"), p.featureNames());
    }

    @Test
    void ignoringTheLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("label").ignore(3), HEADER));
        assertTrue(e.getMessage().contains("column 'label' (index 3) of people.csv is both the label (data.label) and"
                + " ignored (data.ignore)"),
                e.getMessage());
    }

    @Test
    void ignoringEverythingButTheLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.create(CsvOptions.builder().label(0).ignore(1).build(), "1,2", SOURCE));
        assertTrue(e.getMessage().contains("no feature column"), e.getMessage());
    }

    // --- syntax ---

    @Test
    void quotedFieldsWithDelimitersAndDoubledQuotes() {
        CsvParser p = withHeader(CsvOptions.builder().label("y").ignore("name"), "name,\"x, in cm\",y");
        assertEquals(List.of("x, in cm"), p.featureNames());
        assertEquals(point(1, 2.5), p.parse("\"Smith, \"\"Jo\"\"\",\"2.5\",1", SOURCE, 2));
        assertEquals(point(0, 3), p.parse("\"a,b,c\", \"3\" ,\"0\"", SOURCE, 3));
    }

    @Test
    void semicolonDelimiter() {
        CsvParser p = withHeader(CsvOptions.builder().delimiter(';').label("y"), "a;b;y");
        assertEquals(point(1, 1.5, -2), p.parse("1.5;-2;1", SOURCE, 2));
        assertEquals(point(0, 7, 8), p.parse("\"7\";8;\"0\"", SOURCE, 3));
    }

    @Test
    void tabDelimiter() {
        CsvParser p = CsvParser.create(CsvOptions.builder().delimiter('\t').build(), "1\t2\t3", SOURCE);
        assertEquals(point(3, 1, 2), p.parse(" 1 \t 2\t3 ", SOURCE, 1));
    }

    @Test
    void whitespaceAroundNumbersIsIgnored() {
        CsvParser p = withHeader(CsvOptions.builder().label("y"), " a , b ,y ");
        assertEquals(List.of("a", "b"), p.featureNames());
        assertEquals(point(1, 1.5, -2), p.parse("  1.5 ,\t-2\t, 1  ", SOURCE, 2));
        assertEquals(point(0, 4, 5), p.parse("\" 4 \",5,0", SOURCE, 3));
    }

    @Test
    void scientificNotationAndSigns() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "1,2,3,4,5", SOURCE);
        assertEquals(point(-1.5, 0.001, 250, -40, 5),
                p.parse("1e-3,2.5E+2,-4e1,+5,-1.5e0", SOURCE, 1));
        assertEquals(point(0, .5, 5., 1e300, -0.0), p.parse(".5,5.,1e300,-0.0e0,0", SOURCE, 1));
    }

    @Test
    void zerosAreKeptInTheDensePoint() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "1,2,3", SOURCE);
        LabeledPoint q = p.parse("0,0,1", SOURCE, 1);
        assertArrayEquals(new int[] {0, 1}, q.indices());
        assertArrayEquals(new double[] {0, 0}, q.values());
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreDropped() {
        CsvParser p = withHeader(CsvOptions.builder().label("y"), "\uFEFFa,y\r");
        assertEquals(List.of("a"), p.featureNames());
        assertEquals(point(1, 2), p.parse("2,1\r", SOURCE, 2));
        assertTrue(p.isHeader("\uFEFFa,y\r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "\r", " \r"})
    void blankLinesGiveNull(String line) {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "1,2", SOURCE);
        assertNull(p.parse(line, SOURCE, 4));
    }

    @Test
    void pointsDoNotShareArrays() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "1,2,3", SOURCE);
        LabeledPoint a = p.parse("1,2,3", SOURCE, 1);
        a.indices()[0] = 99;
        assertEquals(point(3, 1, 2), p.parse("1,2,3", SOURCE, 2));
    }

    // --- header detection ---

    @Test
    void headerDetection() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        assertTrue(p.isHeader(HEADER));
        assertTrue(p.isHeader(" id , \"age\",income ,label,height\r"));
        assertFalse(p.isHeader("7,31,52000,1,1.8"));
        assertFalse(p.isHeader("id,age,income,label"));
        assertFalse(p.isHeader("id,age,income,label,weight"));
        assertFalse(p.isHeader("ID,age,income,label,height"));
        assertFalse(p.isHeader(""));
        assertFalse(p.isHeader("\"id,age"));
        assertFalse(p.isHeader(null));
    }

    @Test
    void withoutAHeaderNoLineIsTheHeader() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "a,b,c", SOURCE);
        assertFalse(p.isHeader("a,b,c"));
    }

    // --- errors in a line ---

    @Test
    void wrongNumberOfFieldsSaysExpectedAndGot() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        DataFormatException e = failure(p, "7,31,52000,1", 12);
        assertEquals(SOURCE, e.source());
        assertEquals(12, e.line());
        assertEquals("people.csv line 12: expected 5 fields, got 4 (delimiter ',')", e.getMessage());
        e = failure(p, "7,31,52000,1,1.8,", 13);
        assertEquals("people.csv line 13: expected 5 fields, got 6 (delimiter ',')", e.getMessage());
    }

    @Test
    void emptyCellIsAMissingValue() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        DataFormatException e = failure(p, "7, ,52000,1,1.8", 7);
        assertEquals("people.csv line 7: column 'age' (index 1): " + MISSING, e.getMessage());
        e = failure(p, "7,31,52000,1,\"\"", 8);
        assertEquals("people.csv line 8: column 'height' (index 4): " + MISSING, e.getMessage());
    }

    @Test
    void emptyLabelIsAMissingValue() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        DataFormatException e = failure(p, "7,31,52000,,1.8", 9);
        assertEquals("people.csv line 9: label column 'label' (index 3): missing value (empty cell); every row"
                + " needs a label", e.getMessage());
    }

    @Test
    void emptyCellWithoutHeaderNamesTheIndex() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "1,2,3", SOURCE);
        DataFormatException e = failure(p, "1,,3", 3);
        assertEquals("people.csv line 3: column index 1: " + MISSING, e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "abc      | 'abc' is not a number (a column of categories must be declared categorical)",
            "1,5      | '1,5' is not a number",
            "0x10     | '0x10' is not a number",
            "1.5d     | '1.5d' is not a number",
            "2f       | '2f' is not a number",
            "1e       | '1e' is not a number",
            "-        | '-' is not a number",
            "1.2.3    | '1.2.3' is not a number",
            "NaN      | 'NaN' is not finite",
            "-inf     | '-inf' is not finite",
            "Infinity | 'Infinity' is not finite",
            "1e999    | '1e999' is not finite",
            "-1e400   | '-1e400' is not finite",
    })
    void badFeatureValuesNameSourceLineAndColumn(String value, String problem) {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        String line = "7,31,\"" + value + "\",1,1.8";
        DataFormatException e = failure(p, line, 21);
        assertEquals(21, e.line());
        assertEquals("people.csv line 21: column 'income' (index 2): " + problem, e.getMessage());
    }

    @Test
    void nonNumericLabel() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        DataFormatException e = failure(p, "7,31,52000,setosa,1.8", 4);
        assertEquals("people.csv line 4: label column 'label' (index 3): 'setosa' is not a number (a text label"
                + " needs a label map: read the table through a TableSchema)", e.getMessage());
        e = failure(p, "7,31,52000,NaN,1.8", 5);
        assertEquals("people.csv line 5: label column 'label' (index 3): 'NaN' is not finite", e.getMessage());
    }

    @Test
    void aHeaderReadAsDataOnLineOneGetsAHint() {
        CsvParser p = CsvParser.create(CsvOptions.defaults(), "a,b,y", SOURCE);
        DataFormatException e = failure(p, "a,b,y", 1);
        assertEquals("people.csv line 1: label column index 2: 'y' is not a number (if line 1 is a header, declare"
                + " that the file has one: data.header=true)", e.getMessage());
    }

    @Test
    void unbalancedQuoteNamesTheLineAndSaysNoLineBreaks() {
        CsvParser p = withHeader(CsvOptions.builder().label("label"), HEADER);
        DataFormatException e = failure(p, "7,\"31,52000,1,1.8", 30);
        assertEquals(30, e.line());
        assertTrue(e.getMessage().startsWith("people.csv line 30: column index 1: unbalanced quote"), e.getMessage());
        assertTrue(e.getMessage().contains("quoted fields may not contain line breaks"), e.getMessage());
    }

    // --- errors in the options against the header ---

    @Test
    void unknownLabelNameListsTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("class"), HEADER));
        assertEquals("CSV label column 'class' is not in the header of people.csv; its columns are 'id', 'age',"
                + " 'income', 'label', 'height'", e.getMessage());
    }

    @Test
    void unknownNameDifferingOnlyInCaseIsSuggested() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("Age"), HEADER));
        assertTrue(e.getMessage().contains("(did you mean 'age'?)"), e.getMessage());
    }

    @Test
    void unknownIgnoredNameListsTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("label").ignore("name"), HEADER));
        assertTrue(e.getMessage().startsWith("CSV ignored column 'name' is not in the header of people.csv"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("'id', 'age', 'income', 'label', 'height'"), e.getMessage());
    }

    @Test
    void aLongHeaderIsListedInPart() {
        StringBuilder header = new StringBuilder("label");
        for (int i = 0; i < 784; i++) {
            header.append(",pixel").append(i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("digit"), header.toString()));
        assertTrue(e.getMessage().contains("'label', 'pixel0', "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", ... and 725 more"), e.getMessage());
    }

    @Test
    void anAmbiguousNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeader(CsvOptions.builder().label("x"), "x,y,x"));
        assertTrue(e.getMessage().contains("'x' is ambiguous: the header of people.csv has it at indices 0 and 2"),
                e.getMessage());
    }

    @Test
    void indexOutOfRangeGivesTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.create(CsvOptions.builder().label(-4).build(), "1,2,3", SOURCE));
        assertEquals("CSV label column index -4 is out of range: people.csv has 3 columns (indices 0..2, or"
                + " -3..-1 counting from the end)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.create(CsvOptions.builder().label(3).build(), "1,2,3", SOURCE));
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.create(CsvOptions.builder().ignore(7).build(), "1,2,3", SOURCE));
    }

    @Test
    void blankHeaderCellsGetPositionalNames() {
        CsvParser p = withHeader(CsvOptions.builder().label("y"), ",a,,y");
        assertEquals(List.of("_c0", "a", "_c2"), p.featureNames());
    }

    @Test
    void aMissingOrBrokenFirstLineIsAnError() {
        CsvOptions header = CsvOptions.builder().header(true).build();
        assertThrows(IllegalArgumentException.class, () -> CsvParser.create(header, null, SOURCE));
        DataFormatException blank = assertThrows(DataFormatException.class,
                () -> CsvParser.create(header, " ", SOURCE, 3));
        assertEquals(3, blank.line());
        DataFormatException broken = assertThrows(DataFormatException.class,
                () -> CsvParser.create(header, "a,\"b", SOURCE));
        assertTrue(broken.getMessage().startsWith("people.csv line 1: column index 1: unbalanced quote"),
                broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvParser.create(CsvOptions.defaults(), null, SOURCE));
        assertThrows(IllegalArgumentException.class, () -> CsvParser.create(CsvOptions.defaults(), "", SOURCE));
    }

    // --- shipping to executors ---

    @Test
    void survivesJavaSerializationAsASparkClosureWould() throws Exception {
        CsvParser p = withHeader(CsvOptions.builder().label("label").ignore("id"), HEADER);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        CsvParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CsvParser) in.readObject();
        }
        assertEquals(p.options(), copy.options());
        assertEquals(p.featureNames(), copy.featureNames());
        assertTrue(copy.isHeader(HEADER));
        assertEquals(point(1, 31, 52000, 1.8), copy.parse("7,31,52000,1,1.8", SOURCE, 2));
    }
}
