package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file, immutable and validated when built: the delimiter and quote character (RFC 4180 quoting:
 * a quoted field may hold the delimiter and doubled quotes, but not a line break), whether the first line is a
 * header, which column holds the label (or which columns hold the targets of a regression with several), which
 * columns to ignore, how many feature columns to expect, which feature
 * columns are categorical, what a missing cell and an unseen category become, and optionally the classes' labels
 * in class order.
 *
 * <p>Defaults: delimiter {@code ','}, quote {@code '"'}, no header, the label in the last column ({@code -1}), no
 * ignored columns, number of feature columns inferred ({@code 0}), no categorical column, missing values an error
 * ({@link MissingValues#ERROR}) with only empty cells missing, unseen categories an error
 * ({@link UnseenCategories#ERROR}), labels fitted from the training data (empty {@link #labelOrder()}), no weight
 * column (every row weighs 1).
 *
 * <p>Categorical columns, imputation and text labels need a fitted {@link TableSchema}: such options are read with
 * {@link CsvParser#parseRecord} and {@link TableSchema#parser}, not {@link CsvParser#parse} (see
 * {@link #needsSchema()}).
 *
 * <p>The label is a list of columns: one for a classification or a single regression target, several for a
 * regression with several targets (one network output per column, in the order given). A column may be named once
 * only ({@link CsvParser} refuses two references to the same column).
 */
public final class CsvOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final char DEFAULT_DELIMITER = ',';
    public static final char DEFAULT_QUOTE = '"';

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final List<CsvColumn> labels;
    private final List<CsvColumn> ignored;
    private final int numFeatures;
    private final List<CsvColumn> categorical;
    private final MissingValues missing;
    private final List<String> missingTexts;
    private final UnseenCategories unseen;
    private final List<String> labelOrder;
    private final CsvColumn weight;

    private CsvOptions(Builder b) {
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.header = b.header;
        this.labels = List.copyOf(b.labels);
        this.ignored = List.copyOf(b.ignored);
        this.numFeatures = b.numFeatures;
        this.categorical = List.copyOf(b.categorical);
        this.missing = Objects.requireNonNull(b.missing, "missing-value policy");
        this.missingTexts = List.copyOf(b.missingTexts);
        this.unseen = Objects.requireNonNull(b.unseen, "unseen-category policy");
        this.labelOrder = List.copyOf(b.labelOrder);
        this.weight = b.weight;
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default options: comma-separated, no header, label in the last column. */
    public static CsvOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.delimiter = delimiter;
        b.quote = quote;
        b.header = header;
        b.labels = new ArrayList<>(labels);
        b.ignored = new ArrayList<>(ignored);
        b.numFeatures = numFeatures;
        b.categorical = new ArrayList<>(categorical);
        b.missing = missing;
        b.missingTexts = new ArrayList<>(missingTexts);
        b.unseen = unseen;
        b.labelOrder = new ArrayList<>(labelOrder);
        b.weight = weight;
        return b;
    }

    public char delimiter() {
        return delimiter;
    }

    public char quote() {
        return quote;
    }

    /** Whether the first line of each file is a header naming the columns. */
    public boolean header() {
        return header;
    }

    /**
     * The label column, when there is one.
     *
     * @throws IllegalStateException when there are several label columns (see {@link #labels()})
     */
    public CsvColumn label() {
        if (labels.size() != 1) {
            throw new IllegalStateException("there are " + labels.size() + " label columns " + labels
                    + ", not one");
        }
        return labels.get(0);
    }

    /** The label columns, in order: one, or one per target of a regression with several targets. */
    public List<CsvColumn> labels() {
        return labels;
    }

    /** Columns that are neither label nor feature (identifiers, free text, ...). */
    public List<CsvColumn> ignored() {
        return ignored;
    }

    /**
     * The number of feature columns expected (columns that are neither label nor ignored, counted before one-hot
     * expansion of categorical columns), or 0 to infer it from the header or the first data row.
     */
    public int numFeatures() {
        return numFeatures;
    }

    /** The feature columns whose cells are categories (one-hot encoded by a {@link TableSchema}), not numbers. */
    public List<CsvColumn> categorical() {
        return categorical;
    }

    /** What a missing feature cell becomes. */
    public MissingValues missing() {
        return missing;
    }

    /**
     * The cell texts that mean "missing" besides an empty cell (for example {@code ?} or {@code NA}), compared
     * exactly after stripping surrounding whitespace; empty by default.
     */
    public List<String> missingTexts() {
        return missingTexts;
    }

    /** What a categorical cell whose value the training data did not have becomes. */
    public UnseenCategories unseenCategories() {
        return unseen;
    }

    /**
     * The classification labels in class order as configured (class {@code i} is the {@code i}-th), or an empty
     * list to fit the order from the training data (see {@link LabelMap}).
     */
    public List<String> labelOrder() {
        return labelOrder;
    }

    /**
     * The column holding each row's example weight (a finite non-negative number; neither label nor feature), or
     * null when every row weighs 1.
     */
    public CsvColumn weight() {
        return weight;
    }

    /**
     * Whether points can only be made with a fitted {@link TableSchema}: with categorical columns, the {@code mean}
     * missing-value policy, declared missing-value texts or an explicit label order. {@link CsvParser#parse} refuses
     * such options.
     */
    public boolean needsSchema() {
        return !categorical.isEmpty() || missing != MissingValues.ERROR || !missingTexts.isEmpty()
                || !labelOrder.isEmpty();
    }

    private void validate() {
        checkSeparatorChar("delimiter", delimiter);
        checkSeparatorChar("quote character", quote);
        if (Character.isWhitespace(quote)) {
            throw new IllegalArgumentException("the CSV quote character must not be whitespace, got "
                    + describe(quote));
        }
        if (delimiter == quote) {
            throw new IllegalArgumentException("the CSV delimiter and quote character must differ, both are "
                    + describe(delimiter));
        }
        if (numFeatures < 0) {
            throw new IllegalArgumentException("the number of CSV features must be positive, or 0 to infer it; got "
                    + numFeatures);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a CSV table needs a label column");
        }
        if (labels.size() > 1 && !labelOrder.isEmpty()) {
            throw new IllegalArgumentException("class labels " + labelOrder + " are given, but " + labels.size()
                    + " label columns " + labels + ": several label columns are the targets of a regression,"
                    + " which has no classes");
        }
        if (!header) {
            for (CsvColumn c : labels) {
                requireIndex(c, "label column");
            }
            for (CsvColumn c : ignored) {
                requireIndex(c, "ignored column");
            }
            for (CsvColumn c : categorical) {
                requireIndex(c, "categorical column");
            }
            if (weight != null) {
                requireIndex(weight, "weight column");
            }
        }
        for (String text : missingTexts) {
            if (text == null || text.isBlank() || !text.equals(text.strip())) {
                throw new IllegalArgumentException("a CSV missing-value text must be non-blank and have no"
                        + " surrounding whitespace (an empty cell is always missing), got '" + text + "'");
            }
            if (text.indexOf(delimiter) >= 0) {
                throw new IllegalArgumentException("the CSV missing-value text '" + text + "' contains the delimiter "
                        + describe(delimiter));
            }
        }
        if (!labelOrder.isEmpty()) {
            LabelMap.of(labelOrder); // blank or repeated labels
        }
    }

    private static void requireIndex(CsvColumn column, String role) {
        if (column instanceof CsvColumn.Named named) {
            throw new IllegalArgumentException("the CSV " + role + " " + named + " is given by name, which needs a"
                    + " header: declare that the file has a header, or give the column's 0-based index");
        }
    }

    private static void checkSeparatorChar(String what, char c) {
        if (c == '\n' || c == '\r' || c == '\uFEFF' || c == '\0') {
            throw new IllegalArgumentException("the CSV " + what + " must not be " + describe(c));
        }
    }

    static String describe(char c) {
        return switch (c) {
            case '\t' -> "'\\t' (tab)";
            case '\n' -> "'\\n' (line feed)";
            case '\r' -> "'\\r' (carriage return)";
            case ' ' -> "' ' (space)";
            case '\0' -> "'\\0' (NUL)";
            case '\uFEFF' -> "U+FEFF (byte order mark)";
            default -> "'" + c + "'";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvOptions x && delimiter == x.delimiter && quote == x.quote && header == x.header
                && labels.equals(x.labels) && ignored.equals(x.ignored) && numFeatures == x.numFeatures
                && categorical.equals(x.categorical) && missing == x.missing && missingTexts.equals(x.missingTexts)
                && unseen == x.unseen && labelOrder.equals(x.labelOrder) && Objects.equals(weight, x.weight);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delimiter, quote, header, labels, ignored, numFeatures, categorical, missing,
                missingTexts, unseen, labelOrder, weight);
    }

    @Override
    public String toString() {
        return "CsvOptions(delimiter " + describe(delimiter) + ", quote " + describe(quote) + ", header " + header
                + ", label " + (labels.size() == 1 ? label() : labels) + ", ignored " + ignored
                + ", features " + (numFeatures == 0 ? "inferred" : numFeatures) + ", categorical " + categorical
                + ", missing " + missing.configName() + (missingTexts.isEmpty() ? "" : " " + missingTexts)
                + ", unseen categories " + unseen.configName()
                + ", labels " + (labelOrder.isEmpty() ? "fitted" : labelOrder)
                + (weight == null ? "" : ", weight " + weight) + ")";
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private char delimiter = DEFAULT_DELIMITER;
        private char quote = DEFAULT_QUOTE;
        private boolean header;
        private List<CsvColumn> labels = new ArrayList<>(List.of(CsvColumn.at(-1)));
        private List<CsvColumn> ignored = new ArrayList<>();
        private int numFeatures;
        private List<CsvColumn> categorical = new ArrayList<>();
        private MissingValues missing = MissingValues.ERROR;
        private List<String> missingTexts = new ArrayList<>();
        private UnseenCategories unseen = UnseenCategories.ERROR;
        private List<String> labelOrder = new ArrayList<>();
        private CsvColumn weight;

        private Builder() {
        }

        /** The example weight column by header name (needs a header). */
        public Builder weight(String name) {
            return weight(CsvColumn.named(name));
        }

        /** The example weight column by 0-based index; negative counts from the end. */
        public Builder weight(int index) {
            return weight(CsvColumn.at(index));
        }

        /** The example weight column; null for none (every row weighs 1). */
        public Builder weight(CsvColumn column) {
            this.weight = column;
            return this;
        }

        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder quote(char quote) {
            this.quote = quote;
            return this;
        }

        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** The label column by header name (needs a header). */
        public Builder label(String name) {
            return label(CsvColumn.named(name));
        }

        /** The label column by 0-based index; negative counts from the end. */
        public Builder label(int index) {
            return label(CsvColumn.at(index));
        }

        public Builder label(CsvColumn column) {
            this.labels = new ArrayList<>(List.of(Objects.requireNonNull(column, "label column")));
            return this;
        }

        /**
         * The label columns: one, or the target columns of a regression with several targets, in output order.
         */
        public Builder labels(List<CsvColumn> columns) {
            for (CsvColumn c : columns) {
                Objects.requireNonNull(c, "label column");
            }
            this.labels = new ArrayList<>(columns);
            return this;
        }

        /** {@link #labels(List)} by header names (needs a header). */
        public Builder labels(String... names) {
            List<CsvColumn> columns = new ArrayList<>();
            for (String name : names) {
                columns.add(CsvColumn.named(name));
            }
            return labels(columns);
        }

        /** Adds columns to ignore, by header name (needs a header). */
        public Builder ignore(String... names) {
            for (String name : names) {
                ignored.add(CsvColumn.named(name));
            }
            return this;
        }

        /** Adds columns to ignore, by 0-based index; negative counts from the end. */
        public Builder ignore(int... indices) {
            for (int index : indices) {
                ignored.add(CsvColumn.at(index));
            }
            return this;
        }

        /** Adds columns to ignore. */
        public Builder ignore(CsvColumn... columns) {
            for (CsvColumn c : columns) {
                ignored.add(Objects.requireNonNull(c, "ignored column"));
            }
            return this;
        }

        /** Replaces the columns to ignore. */
        public Builder ignored(List<CsvColumn> columns) {
            this.ignored = new ArrayList<>(columns);
            return this;
        }

        /** The number of feature columns expected (before one-hot expansion), or 0 to infer it. */
        public Builder numFeatures(int numFeatures) {
            this.numFeatures = numFeatures;
            return this;
        }

        /** Adds categorical columns, by header name (needs a header). */
        public Builder categorical(String... names) {
            for (String name : names) {
                categorical.add(CsvColumn.named(name));
            }
            return this;
        }

        /** Adds categorical columns, by 0-based index; negative counts from the end. */
        public Builder categorical(int... indices) {
            for (int index : indices) {
                categorical.add(CsvColumn.at(index));
            }
            return this;
        }

        /** Adds categorical columns. */
        public Builder categorical(CsvColumn... columns) {
            for (CsvColumn c : columns) {
                categorical.add(Objects.requireNonNull(c, "categorical column"));
            }
            return this;
        }

        /** Replaces the categorical columns. */
        public Builder categoricalColumns(List<CsvColumn> columns) {
            this.categorical = new ArrayList<>(columns);
            return this;
        }

        /** What a missing feature cell becomes. */
        public Builder missing(MissingValues policy) {
            this.missing = Objects.requireNonNull(policy, "missing-value policy");
            return this;
        }

        /** Replaces the texts that mean "missing" besides an empty cell (for example {@code ?}, {@code NA}). */
        public Builder missingTexts(List<String> texts) {
            this.missingTexts = new ArrayList<>(texts);
            return this;
        }

        /** {@link #missingTexts(List)} from arguments. */
        public Builder missingTexts(String... texts) {
            return missingTexts(List.of(texts));
        }

        /** What an unseen category becomes. */
        public Builder unseenCategories(UnseenCategories policy) {
            this.unseen = Objects.requireNonNull(policy, "unseen-category policy");
            return this;
        }

        /** The classification labels in class order; an empty list fits them from the training data. */
        public Builder labelOrder(List<String> labels) {
            this.labelOrder = new ArrayList<>(labels);
            return this;
        }

        /** {@link #labelOrder(List)} from arguments. */
        public Builder labelOrder(String... labels) {
            return labelOrder(List.of(labels));
        }

        public CsvOptions build() {
            return new CsvOptions(this);
        }
    }
}
