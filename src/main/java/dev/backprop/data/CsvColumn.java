package dev.backprop.data;

import java.io.Serializable;

/**
 * A reference to one CSV column, as a user gives it: by its header name, or by its 0-based index where a negative
 * index counts from the end ({@code -1} is the last column). Resolved against a header or a column count by
 * {@link CsvParser}.
 */
public sealed interface CsvColumn extends Serializable {

    /** The column whose header cell is {@code name} (compared exactly, after trimming surrounding whitespace). */
    static CsvColumn named(String name) {
        return new Named(name);
    }

    /** The column at 0-based {@code index}; a negative index counts from the end, {@code -1} being the last. */
    static CsvColumn at(int index) {
        return new Indexed(index);
    }

    /**
     * Reads a reference as written in a configuration value: an integer (optionally negative) is an index, anything
     * else is a name. A column literally named like an integer must therefore be given by its index.
     */
    static CsvColumn parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a CSV column must be given by name or 0-based index, got '"
                    + text + "'");
        }
        String t = text.strip();
        if (t.matches("[+-]?\\d+")) {
            try {
                return at(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                // too large for an int: fall through and report it below
            }
            throw new IllegalArgumentException("CSV column index " + t + " is out of range");
        }
        return named(t);
    }

    /** A column given by its header name. */
    record Named(String name) implements CsvColumn {
        private static final long serialVersionUID = 1L;

        public Named {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a CSV column name must not be blank");
            }
            name = name.strip();
        }

        @Override
        public String toString() {
            return "'" + name + "'";
        }
    }

    /** A column given by its 0-based index, negative counting from the end. */
    record Indexed(int index) implements CsvColumn {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "index " + index;
        }
    }
}
