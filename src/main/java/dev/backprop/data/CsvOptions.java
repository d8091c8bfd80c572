package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file, immutable and validated when built: the delimiter and quote character (RFC 4180 quoting:
 * a quoted field may hold the delimiter and doubled quotes, but not a line break), whether the first line is a
 * header, which column holds the label, which columns to ignore, and how many features to expect.
 *
 * <p>Defaults: delimiter {@code ','}, quote {@code '"'}, no header, the label in the last column ({@code -1}), no
 * ignored columns, number of features inferred ({@code 0}).
 *
 * <p>The label is kept as a list of columns so that regression with several targets can be added later; for now
 * exactly one label column is supported.
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

    private CsvOptions(Builder b) {
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.header = b.header;
        this.labels = List.copyOf(b.labels);
        this.ignored = List.copyOf(b.ignored);
        this.numFeatures = b.numFeatures;
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

    /** The label column. */
    public CsvColumn label() {
        return labels.get(0);
    }

    /** The label columns, in order; exactly one for now (several targets for regression will come later). */
    public List<CsvColumn> labels() {
        return labels;
    }

    /** Columns that are neither label nor feature (identifiers, free text, ...). */
    public List<CsvColumn> ignored() {
        return ignored;
    }

    /** The number of features expected, or 0 to infer it from the header or the first data row. */
    public int numFeatures() {
        return numFeatures;
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
        if (labels.size() != 1) {
            throw new IllegalArgumentException("exactly one CSV label column is supported for now, got "
                    + labels.size() + " " + labels);
        }
        if (!header) {
            for (CsvColumn c : labels) {
                requireIndex(c, "label column");
            }
            for (CsvColumn c : ignored) {
                requireIndex(c, "ignored column");
            }
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
                && labels.equals(x.labels) && ignored.equals(x.ignored) && numFeatures == x.numFeatures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(delimiter, quote, header, labels, ignored, numFeatures);
    }

    @Override
    public String toString() {
        return "CsvOptions(delimiter " + describe(delimiter) + ", quote " + describe(quote) + ", header " + header
                + ", label " + (labels.size() == 1 ? label() : labels) + ", ignored " + ignored
                + ", features " + (numFeatures == 0 ? "inferred" : numFeatures) + ")";
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private char delimiter = DEFAULT_DELIMITER;
        private char quote = DEFAULT_QUOTE;
        private boolean header;
        private List<CsvColumn> labels = new ArrayList<>(List.of(CsvColumn.at(-1)));
        private List<CsvColumn> ignored = new ArrayList<>();
        private int numFeatures;

        private Builder() {
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

        /** The number of features expected, or 0 to infer it. */
        public Builder numFeatures(int numFeatures) {
            this.numFeatures = numFeatures;
            return this;
        }

        public CsvOptions build() {
            return new CsvOptions(this);
        }
    }
}
