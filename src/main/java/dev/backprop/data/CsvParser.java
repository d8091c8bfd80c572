package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Parses CSV lines, one line at a time, as {@link LibsvmParser} does for LIBSVM: the label column(s), the ignored
 * columns and the categorical columns are resolved once, against the header or the first data row, and every line
 * is then parsed on its own (so the parser can be shipped to executors and called per line).
 *
 * <p>The feature columns are the columns that are neither label nor weight nor ignored, in column order; each is
 * numeric or, when the options declare it so, categorical. There is one label column, or several: the targets of a
 * regression with several targets, in the order the options give them, each read as a point's label in that order.
 * A column has one role: two label references to the same column, or a label column that is also the weight
 * column, ignored or declared categorical, are refused naming the keys ({@code data.label}, {@code data.weight},
 * {@code data.ignore}, {@code data.categorical}). Two ways to read a line:
 * <ul>
 *   <li>{@link #parseRecord} gives the raw {@link CsvRecord}: the label's text, the numeric cells (NaN when missing)
 *   and the categorical cells (null when missing). A {@link TableSchema} fitted on the training data turns records
 *   into points (label map, one-hot categories, imputation); this is the way for every option.</li>
 *   <li>{@link #parse} gives a dense point directly, with features {@code 0..d-1} being the feature columns and the
 *   label the label cell's number: only for options that need no schema ({@link CsvOptions#needsSchema()}).</li>
 * </ul>
 * Surrounding whitespace, a byte order mark at the start of a line and a carriage return at its end are dropped. A
 * header line is not data: callers skip the lines for which {@link #isHeader(String)} holds (the first line of each
 * file when there is a header).
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
    private final int[] labelColumns;     // one, or one per regression target
    private final int weightColumn;       // the example weight column, or -1 for none
    private final int[] featureColumns;
    private final int[] featureIndices;   // 0..d-1, copied into each point
    private final boolean[] categoricalFeature; // per feature column
    private final int[] numericColumns;   // feature columns that hold numbers, in column order
    private final int[] categoricalColumns; // feature columns that hold categories, in column order

    private CsvParser(CsvOptions options, String[] header, int numColumns, String source) {
        this.options = options;
        this.header = header;
        this.columnNames = new String[numColumns];
        for (int c = 0; c < numColumns; c++) {
            columnNames[c] = header != null && !header[c].isEmpty() ? header[c] : "_c" + c;
        }
        this.labelColumns = new int[options.labels().size()];
        boolean[] excluded = new boolean[numColumns];
        for (int k = 0; k < labelColumns.length; k++) {
            int c = resolve(options.labels().get(k), "label column", source);
            if (excluded[c]) {
                throw new IllegalArgumentException("CSV " + describe(c) + " of " + source + " is named twice as a"
                        + " label column (data.label); give each target column once");
            }
            labelColumns[k] = c;
            excluded[c] = true;
        }
        checkDistinctTargetNames(source);
        this.weightColumn = options.weight() == null ? -1 : resolve(options.weight(), "weight column", source);
        if (weightColumn >= 0) {
            if (excluded[weightColumn]) {
                throw new IllegalArgumentException("CSV " + describe(weightColumn) + " of " + source
                        + " is both " + labelRole() + " and the weight column (data.weight); a column is one or the"
                        + " other");
            }
            excluded[weightColumn] = true;
        }
        for (CsvColumn ignore : options.ignored()) {
            int c = resolve(ignore, "ignored column", source);
            for (int label : labelColumns) {
                if (c == label) {
                    throw new IllegalArgumentException("CSV " + describe(c) + " of " + source
                            + " is both " + labelRole() + " and ignored (data.ignore); a column is one or the other");
                }
            }
            if (c == weightColumn) {
                throw new IllegalArgumentException("CSV " + describe(c) + " of " + source
                        + " is both the weight column and ignored; a column is one or the other");
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
                    + " columns, of which the label" + (labelColumns.length == 1 ? " is " : "s are ")
                    + describeLabels() + (weightColumn >= 0 ? ", the weight is " + describe(weightColumn) : "")
                    + " and " + (numColumns - labelColumns.length - (weightColumn >= 0 ? 1 : 0)) + " are ignored");
        }
        if (options.numFeatures() > 0 && options.numFeatures() != featureColumns.length) {
            throw new IllegalArgumentException(options.numFeatures() + " features expected, but " + source + " has "
                    + numColumns + " columns" + (header != null ? " in its header" : " in its first data row")
                    + ", which give " + featureColumns.length + " features (label"
                    + (labelColumns.length == 1 ? " " : "s ") + describeLabels()
                    + (weightColumn >= 0 ? ", weight " + describe(weightColumn) : "") + ", "
                    + (numColumns - featureColumns.length - labelColumns.length - (weightColumn >= 0 ? 1 : 0))
                    + " ignored)");
        }
        this.featureIndices = new int[featureColumns.length];
        Arrays.setAll(featureIndices, k -> k);
        boolean[] categoricalColumn = new boolean[numColumns];
        for (CsvColumn declared : options.categorical()) {
            int c = resolve(declared, "categorical column", source);
            if (excluded[c]) {
                throw new IllegalArgumentException("CSV " + describe(c) + " of " + source + " is declared"
                        + " categorical (data.categorical) but is " + (isLabel(c) ? labelRole()
                        : c == weightColumn ? "the weight column" : "the ignored")
                        + "; only a feature column can be categorical");
            }
            categoricalColumn[c] = true;
        }
        this.categoricalFeature = new boolean[featureColumns.length];
        for (int k = 0; k < featureColumns.length; k++) {
            categoricalFeature[k] = categoricalColumn[featureColumns[k]];
        }
        int categorical = count(categoricalFeature);
        this.numericColumns = new int[featureColumns.length - categorical];
        this.categoricalColumns = new int[categorical];
        for (int k = 0, n = 0, m = 0; k < featureColumns.length; k++) {
            if (categoricalFeature[k]) {
                categoricalColumns[m++] = featureColumns[k];
            } else {
                numericColumns[n++] = featureColumns[k];
            }
        }
    }

    /** Several label columns are regression targets named after their columns: the names must differ. */
    private void checkDistinctTargetNames(String source) {
        for (int a = 0; a < labelColumns.length; a++) {
            for (int b = a + 1; b < labelColumns.length; b++) {
                if (columnNames[labelColumns[a]].equals(columnNames[labelColumns[b]])) {
                    throw new IllegalArgumentException("CSV " + describe(labelColumns[a]) + " and "
                            + describe(labelColumns[b]) + " of " + source + ", both label columns (data.label), have"
                            + " the same name; the targets of a regression are named after their columns, so they"
                            + " need distinct names");
                }
            }
        }
    }

    /** How messages name the label's role: "the label", or "a label column" when there are several. */
    private String labelRole() {
        return labelColumns.length == 1 ? "the label (data.label)" : "a label column (data.label)";
    }

    private boolean isLabel(int column) {
        for (int c : labelColumns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    /** The label columns as messages name them, comma-separated. */
    private String describeLabels() {
        StringJoiner joined = new StringJoiner(", ");
        for (int c : labelColumns) {
            joined.add(describe(c));
        }
        return joined.toString();
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
            int columns = options.numFeatures() + options.labels().size() + options.ignored().size()
                    + (options.weight() == null ? 0 : 1);
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
     * The point on {@code line}, or null for a blank line: the label cells' numbers (one per label column) and the
     * feature columns' numbers as features {@code 0..d-1}. A header line is not data: check {@link #isHeader} first.
     *
     * @throws DataFormatException   naming {@code source}, {@code lineNumber} and the column
     * @throws IllegalStateException when the options need a fitted schema ({@link CsvOptions#needsSchema()}): read
     *                               such lines with {@link #parseRecord} and a {@link TableSchema}
     */
    public LabeledPoint parse(String line, String source, long lineNumber) {
        if (options.needsSchema()) {
            throw new IllegalStateException("these CSV options (categorical columns, imputation, missing-value texts"
                    + " or a label order) need a fitted TableSchema: parse records and let the schema make points");
        }
        String[] fields = fields(line, source, lineNumber);
        if (fields == null) {
            return null;
        }
        double[] labels = new double[labelColumns.length];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = value(fields, labelColumns[k], true, source, lineNumber);
        }
        double[] values = new double[featureColumns.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = value(fields, featureColumns[k], false, source, lineNumber);
        }
        return new LabeledPoint(labels, featureIndices.clone(), values, weight(fields, source, lineNumber));
    }

    /**
     * The record on {@code line}, or null for a blank line: the label cells' texts, the numeric cells, the
     * categorical cells (see {@link CsvRecord}). A header line is not data: check {@link #isHeader} first.
     *
     * @throws DataFormatException naming {@code source}, {@code lineNumber} and the column: for a wrong number of
     *                             fields, a missing label, a numeric cell that is not a finite decimal number, and a
     *                             missing cell under {@link MissingValues#ERROR}
     */
    public CsvRecord parseRecord(String line, String source, long lineNumber) {
        return parseRecord(line, source, lineNumber, true);
    }

    /**
     * {@link #parseRecord} for data whose labels are not needed (prediction): the label cells and the weight cell
     * may be missing and are not looked at; the record has one empty label and weight 1.
     */
    public CsvRecord parseRecordIgnoringLabel(String line, String source, long lineNumber) {
        return parseRecord(line, source, lineNumber, false);
    }

    private CsvRecord parseRecord(String line, String source, long lineNumber, boolean withLabel) {
        String[] fields = fields(line, source, lineNumber);
        if (fields == null) {
            return null;
        }
        String[] labels = withLabel ? labels(fields, source, lineNumber) : new String[] {""};
        double[] numeric = new double[numericColumns.length];
        for (int j = 0; j < numeric.length; j++) {
            int c = numericColumns[j];
            numeric[j] = isMissing(fields[c].strip()) ? missing(fields[c], c, source, lineNumber)
                    : value(fields, c, false, source, lineNumber);
        }
        String[] categories = new String[categoricalColumns.length];
        for (int j = 0; j < categories.length; j++) {
            int c = categoricalColumns[j];
            String cell = fields[c].strip();
            if (isMissing(cell)) {
                missing(cell, c, source, lineNumber);
                cell = null;
            }
            categories[j] = cell;
        }
        return new CsvRecord(labels, numeric, categories, withLabel ? weight(fields, source, lineNumber) : 1);
    }

    /** The label cells of a line, stripped; a missing one is an error whatever the missing-value policy. */
    private String[] labels(String[] fields, String source, long lineNumber) {
        String[] labels = new String[labelColumns.length];
        for (int k = 0; k < labels.length; k++) {
            String label = fields[labelColumns[k]].strip();
            if (isMissing(label)) {
                throw new DataFormatException(source, lineNumber, role(labelColumns[k], true) + ": "
                        + missingCell(label) + "; " + everyRowNeeds());
            }
            labels[k] = label;
        }
        return labels;
    }

    private String everyRowNeeds() {
        return labelColumns.length == 1 ? "every row needs a label"
                : "every row needs a value in each of the " + labelColumns.length + " label columns";
    }

    /**
     * The example weight on a line: 1 without a weight column, else the weight cell, which must hold a finite
     * non-negative decimal number (a missing weight is an error whatever the missing-value policy).
     */
    private double weight(String[] fields, String source, long lineNumber) {
        if (weightColumn < 0) {
            return 1;
        }
        String cell = fields[weightColumn].strip();
        String where = "weight " + describe(weightColumn);
        if (isMissing(cell)) {
            throw new DataFormatException(source, lineNumber, where + ": " + missingCell(cell)
                    + "; every row needs a weight when a weight column is given");
        }
        double w = decimalOrNaN(cell);
        if (Double.isNaN(w)) {
            throw new DataFormatException(source, lineNumber, where + ": '" + cell + "' is not a finite number");
        }
        if (w < 0) {
            throw new DataFormatException(source, lineNumber, where + ": '" + cell + "' is negative; an example"
                    + " weight must be a finite non-negative number");
        }
        return w == 0 ? 0 : w; // -0 reads as 0
    }

    /** The example weight column's 0-based index, or -1 when there is none. */
    public int weightColumn() {
        return weightColumn;
    }

    /** The fields of a data line, or null for a blank one; checks their number. */
    private String[] fields(String line, String source, long lineNumber) {
        String content = clean(line);
        if (content.isBlank()) {
            return null;
        }
        String[] fields = CsvFields.split(content, options.delimiter(), options.quote(), source, lineNumber);
        if (fields.length != columnNames.length) {
            throw new DataFormatException(source, lineNumber, "expected " + columnNames.length + " fields, got "
                    + fields.length + " (delimiter " + CsvOptions.describe(options.delimiter()) + ")");
        }
        return fields;
    }

    /** Whether a stripped cell is missing: empty, or one of the declared missing-value texts. */
    private boolean isMissing(String cell) {
        return cell.isEmpty() || options.missingTexts().contains(cell);
    }

    /** NaN for a missing cell of {@code column} when imputing; the error naming it otherwise. */
    private double missing(String cell, int column, String source, long lineNumber) {
        if (options.missing() == MissingValues.ERROR) {
            throw new DataFormatException(source, lineNumber, describe(column) + ": " + missingCell(cell.strip())
                    + "; the missing-value policy is 'error' (the policy 'mean' imputes the training mean)");
        }
        return Double.NaN;
    }

    private static String missingCell(String cell) {
        return cell.isEmpty() ? "missing value (empty cell)" : "missing value '" + cell + "'";
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

    /**
     * The number of feature columns: the number of features of every point of {@link #parse}. With categorical
     * columns, a {@link TableSchema} makes more features than this ({@link TableSchema#numFeatures()}).
     */
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

    /** For each feature column (in the order of {@link #featureColumns()}), whether it is categorical. */
    public boolean[] categoricalFeatures() {
        return categoricalFeature.clone();
    }

    /** The 0-based columns of the numeric cells of a {@link CsvRecord}, in column order. */
    public int[] numericColumns() {
        return numericColumns.clone();
    }

    /** The 0-based columns of the categorical cells of a {@link CsvRecord}, in column order. */
    public int[] categoricalColumns() {
        return categoricalColumns.clone();
    }

    /** The names of the numeric feature columns, in column order (numeric cell j is {@code get(j)}). */
    public List<String> numericNames() {
        return names(numericColumns);
    }

    /** The names of the categorical feature columns, in column order (categorical cell j is {@code get(j)}). */
    public List<String> categoricalNames() {
        return names(categoricalColumns);
    }

    private List<String> names(int[] columns) {
        List<String> names = new ArrayList<>(columns.length);
        for (int c : columns) {
            names.add(columnNames[c]);
        }
        return List.copyOf(names);
    }

    /**
     * How error messages name column {@code column}: {@code column 'age' (index 2)} with a header,
     * {@code column index 2} without.
     */
    public String describeColumn(int column) {
        return describe(column);
    }

    /**
     * The label column's 0-based index (never negative).
     *
     * @throws IllegalStateException when there are several label columns ({@link #labelColumns()})
     */
    public int labelColumn() {
        return labelColumns[singleLabel()];
    }

    /**
     * The label column's name (see {@link #columnNames()}).
     *
     * @throws IllegalStateException when there are several label columns ({@link #labelNames()})
     */
    public String labelName() {
        return columnNames[labelColumns[singleLabel()]];
    }

    /** The label columns' 0-based indices, in label order (one, or one per regression target). */
    public int[] labelColumns() {
        return labelColumns.clone();
    }

    /** The label columns' names, in label order (see {@link #columnNames()}). */
    public List<String> labelNames() {
        return names(labelColumns);
    }

    private int singleLabel() {
        if (labelColumns.length != 1) {
            throw new IllegalStateException("there are " + labelColumns.length + " label columns, not one: "
                    + labelNames());
        }
        return 0;
    }

    private double value(String[] fields, int column, boolean isLabel, String source, long lineNumber) {
        String text = fields[column];
        if (text.isBlank()) {
            throw new DataFormatException(source, lineNumber, role(column, isLabel) + ": missing value (empty cell); "
                    + (isLabel ? everyRowNeeds()
                    : "the missing-value policy is 'error' (the policy 'mean' imputes the training mean)"));
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
            hint = " (a text label needs a label map: read the table through a TableSchema)";
        }
        if (problem.endsWith("number") && !isLabel && Character.isLetter(text.strip().charAt(0))) {
            hint = " (a column of categories must be declared categorical)";
        }
        if (problem.endsWith("number") && header == null && lineNumber == 1) {
            hint = " (if line 1 is a header, declare that the file has one: data.header=true)";
        }
        throw new DataFormatException(source, lineNumber, role(column, isLabel) + ": '" + text.strip() + "' "
                + problem + hint);
    }

    /**
     * The finite number {@code text} writes as a decimal number (digits, sign, point, exponent; surrounding
     * whitespace allowed), or NaN when it is not one (hexadecimal, type suffixes, NaN, infinities, overflow, text).
     */
    static double decimalOrNaN(String text) {
        if (text.isBlank() || numberProblem(text) != null) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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
