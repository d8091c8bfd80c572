package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Parses CSV lines into dense labelled points, one line at a time, as {@link LibsvmParser} does for LIBSVM: the
 * label column and the ignored columns are resolved once, against the header or the first data row, and every
 * line is then parsed on its own (so the parser can be shipped to executors and called per line).
 *
 * <p>A point's features are the columns that are neither label nor ignored, in column order, as indices
 * {@code 0..d-1}. Surrounding whitespace, a byte order mark at the start of a line and a carriage return at its
 * end are dropped. A header line is not data: callers skip the lines for which {@link #isHeader(String)} holds
 * (the first line of each file when there is a header).
 *
 * <p>Errors in a line throw {@link DataFormatException} naming the source, the line and the column; errors in the
 * options against the header (an unknown column name, an index out of range, a feature count that does not match)
 * throw {@link IllegalArgumentException} naming the source and listing what is available.
 */
public final class CsvParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_NAMES_LISTED = 60;

    private final CsvOptions options;
    private final String[] header;        // the header cells as read, or null without a header
    private final String[] columnNames;   // header cells, or "_c<i>" for a blank cell or without a header
    private final int[] labelColumns;     // exactly one for now
    private final int[] featureColumns;
    private final int[] featureIndices;   // 0..d-1, copied into each point

    private CsvParser(CsvOptions options, String[] header, int numColumns, String source) {
        this.options = options;
        this.header = header;
        this.columnNames = new String[numColumns];
        for (int c = 0; c < numColumns; c++) {
            columnNames[c] = header != null && !header[c].isEmpty() ? header[c] : "_c" + c;
        }
        this.labelColumns = new int[options.labels().size()];
        for (int k = 0; k < labelColumns.length; k++) {
            labelColumns[k] = resolve(options.labels().get(k), "label column", source);
        }
        boolean[] excluded = new boolean[numColumns];
        for (int c : labelColumns) {
            excluded[c] = true;
        }
        for (CsvColumn ignore : options.ignored()) {
            int c = resolve(ignore, "ignored column", source);
            for (int label : labelColumns) {
                if (c == label) {
                    throw new IllegalArgumentException("CSV column " + describe(c) + " of " + source
                            + " is both the label and ignored; a column is one or the other");
                }
            }
            excluded[c] = true;
        }
        this.featureColumns = new int[numColumns - count(excluded)];
        for (int c = 0, k = 0; c < numColumns; c++) {
            if (!excluded[c]) {
                featureColumns[k++] = c;
            }
        }
        if (featureColumns.length == 0) {
            throw new IllegalArgumentException(source + " has no feature column left: " + numColumns
                    + " columns, of which the label is " + describe(labelColumns[0]) + " and "
                    + (numColumns - 1) + " are ignored");
        }
        if (options.numFeatures() > 0 && options.numFeatures() != featureColumns.length) {
            throw new IllegalArgumentException(options.numFeatures() + " features expected, but " + source + " has "
                    + numColumns + " columns" + (header != null ? " in its header" : " in its first data row")
                    + ", which give " + featureColumns.length + " features (label " + describe(labelColumns[0])
                    + ", " + (numColumns - featureColumns.length - 1) + " ignored)");
        }
        this.featureIndices = new int[featureColumns.length];
        Arrays.setAll(featureIndices, k -> k);
    }

    /**
     * A parser for {@code source}, whose columns are read from {@code firstLine}, the first line of the input: the
     * header when the options say there is one, otherwise the first data row (which is only counted here, and
     * parsed later as any other line). Without a header and with a declared number of features, {@code firstLine}
     * may be null: the columns are then the features, the label and the ignored columns.
     *
     * @param lineNumber the 1-based line number of {@code firstLine}, for error messages
     * @throws IllegalArgumentException when a column name is unknown or ambiguous, an index is out of range, or the
     *                                  declared number of features does not match
     * @throws DataFormatException      when {@code firstLine} is not a valid CSV line
     */
    public static CsvParser create(CsvOptions options, String firstLine, String source, long lineNumber) {
        String line = firstLine == null ? null : clean(firstLine);
        if (options.header()) {
            if (line == null) {
                throw new IllegalArgumentException(source + " is empty, but a header line was expected");
            }
            if (line.isBlank()) {
                throw new DataFormatException(source, lineNumber, "expected the header line, found a blank line");
            }
            String[] header = CsvFields.split(line, options.delimiter(), options.quote(), source, lineNumber);
            for (int c = 0; c < header.length; c++) {
                header[c] = header[c].strip();
            }
            return new CsvParser(options, header, header.length, source);
        }
        if (line != null && !line.isBlank()) {
            int columns = CsvFields.split(line, options.delimiter(), options.quote(), source, lineNumber).length;
            return new CsvParser(options, null, columns, source);
        }
        if (options.numFeatures() > 0) {
            int columns = options.numFeatures() + options.labels().size() + options.ignored().size();
            return new CsvParser(options, null, columns, source);
        }
        throw new IllegalArgumentException("cannot tell how many columns " + source + " has: no header, no data row"
                + " to count them in, and no declared number of features");
    }

    /** {@link #create(CsvOptions, String, String, long)} with {@code firstLine} being line 1. */
    public static CsvParser create(CsvOptions options, String firstLine, String source) {
        return create(options, firstLine, source, 1);
    }

    /**
     * The point on {@code line}, or null for a blank line. A header line is not data: check {@link #isHeader}
     * first.
     *
     * @throws DataFormatException naming {@code source}, {@code lineNumber} and the column
     */
    public LabeledPoint parse(String line, String source, long lineNumber) {
        String content = clean(line);
        if (content.isBlank()) {
            return null;
        }
        String[] fields = CsvFields.split(content, options.delimiter(), options.quote(), source, lineNumber);
        if (fields.length != columnNames.length) {
            throw new DataFormatException(source, lineNumber, "expected " + columnNames.length + " fields, got "
                    + fields.length + " (delimiter " + CsvOptions.describe(options.delimiter()) + ")");
        }
        double label = value(fields, labelColumns[0], true, source, lineNumber);
        double[] values = new double[featureColumns.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = value(fields, featureColumns[k], false, source, lineNumber);
        }
        return new LabeledPoint(label, featureIndices.clone(), values);
    }

    /**
     * Whether {@code line} is the header: true only when the options declare a header and the line's cells are the
     * header's. The Spark layer uses it to drop the first line of every file.
     */
    public boolean isHeader(String line) {
        if (header == null || line == null) {
            return false;
        }
        String content = clean(line);
        if (content.isBlank()) {
            return false;
        }
        String[] cells;
        try {
            cells = CsvFields.split(content, options.delimiter(), options.quote(), "header", 1);
        } catch (DataFormatException e) {
            return false;
        }
        if (cells.length != header.length) {
            return false;
        }
        for (int c = 0; c < cells.length; c++) {
            if (!cells[c].strip().equals(header[c])) {
                return false;
            }
        }
        return true;
    }

    public CsvOptions options() {
        return options;
    }

    /** The number of fields on every line. */
    public int numColumns() {
        return columnNames.length;
    }

    /** The number of features of every point. */
    public int numFeatures() {
        return featureColumns.length;
    }

    /** Every column's name: the header cell, or {@code _c<index>} without a header or for a blank cell. */
    public List<String> columnNames() {
        return List.of(columnNames);
    }

    /** The names of the feature columns, in feature order (feature k is {@code featureNames().get(k)}). */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(featureColumns.length);
        for (int c : featureColumns) {
            names.add(columnNames[c]);
        }
        return List.copyOf(names);
    }

    /** The 0-based column of each feature, in feature order. */
    public int[] featureColumns() {
        return featureColumns.clone();
    }

    /** The label column's 0-based index (never negative). */
    public int labelColumn() {
        return labelColumns[0];
    }

    /** The label column's name (see {@link #columnNames()}). */
    public String labelName() {
        return columnNames[labelColumns[0]];
    }

    private double value(String[] fields, int column, boolean isLabel, String source, long lineNumber) {
        String text = fields[column];
        if (text.isBlank()) {
            throw new DataFormatException(source, lineNumber, role(column, isLabel)
                    + ": empty value; missing values are not supported yet");
        }
        String problem = numberProblem(text);
        if (problem == null) {
            try {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) {
                    return v;
                }
                problem = "is not finite";
            } catch (NumberFormatException e) {
                problem = "is not a number";
            }
        }
        String hint = "";
        if (problem.endsWith("number") && isLabel) {
            hint = " (text labels are not supported yet)";
        }
        if (problem.endsWith("number") && header == null && lineNumber == 1) {
            hint = " (if line 1 is a header, declare that the file has one: data.header=true)";
        }
        throw new DataFormatException(source, lineNumber, role(column, isLabel) + ": '" + text.strip() + "' "
                + problem + hint);
    }

    /**
     * Null when {@code text} holds only what a decimal number may (digits, sign, point, exponent), so that Java's
     * type suffixes ({@code 1d}) and hexadecimal forms are refused; otherwise what is wrong with it.
     */
    private static String numberProblem(String text) {
        String t = text.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '+' && c != '-' && c != 'e' && c != 'E') {
                String word = t.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
                return word.equals("nan") || word.equals("inf") || word.equals("infinity")
                        ? "is not finite" : "is not a number";
            }
        }
        return null;
    }

    /** "column 'age' (index 2)" with a header, "column index 2" without; prefixed by "label " for the label. */
    private String role(int column, boolean isLabel) {
        return (isLabel ? "label " : "") + describe(column);
    }

    private String describe(int column) {
        return header == null ? "column index " + column : "column '" + columnNames[column] + "' (index " + column
                + ")";
    }

    private int resolve(CsvColumn column, String role, String source) {
        int n = columnNames.length;
        if (column instanceof CsvColumn.Indexed indexed) {
            int i = indexed.index() < 0 ? indexed.index() + n : indexed.index();
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("CSV " + role + " index " + indexed.index() + " is out of range: "
                        + source + " has " + n + " columns (indices 0.." + (n - 1) + ", or -" + n
                        + "..-1 counting from the end)");
            }
            return i;
        }
        String name = ((CsvColumn.Named) column).name();
        int found = -1;
        for (int c = 0; c < n; c++) {
            if (columnNames[c].equals(name)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("CSV " + role + " '" + name + "' is ambiguous: the header of "
                            + source + " has it at indices " + found + " and " + c + "; give the index instead");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("CSV " + role + " '" + name + "' is not in the header of " + source
                    + suggestion(name) + "; its columns are " + listNames());
        }
        return found;
    }

    private String suggestion(String name) {
        for (String candidate : columnNames) {
            if (candidate.equalsIgnoreCase(name)) {
                return " (did you mean '" + candidate + "'?)";
            }
        }
        return "";
    }

    private String listNames() {
        StringJoiner joined = new StringJoiner(", ");
        for (int c = 0; c < Math.min(columnNames.length, MAX_NAMES_LISTED); c++) {
            joined.add("'" + columnNames[c] + "'");
        }
        int more = columnNames.length - MAX_NAMES_LISTED;
        return joined + (more > 0 ? ", ... and " + more + " more" : "");
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /** The line without a leading byte order mark and a trailing carriage return. */
    private static String clean(String line) {
        int start = !line.isEmpty() && line.charAt(0) == '\uFEFF' ? 1 : 0;
        int end = line.endsWith("\r") ? line.length() - 1 : line.length();
        return start == 0 && end == line.length() ? line : line.substring(start, Math.max(start, end));
    }
}
