package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into its fields, RFC 4180 style: a field that starts with the quote character ends at the
 * next single quote character, may contain the delimiter, and writes a quote character as two; whitespace around
 * a field (quoted or not) is dropped, whitespace inside quotes is kept. A line is a record: a quoted field cannot
 * continue on the next line, so a quote that is never closed is an error, and so is a quote character inside an
 * unquoted field (usually the tail of a quoted field that was broken across lines).
 */
public final class CsvFields {

    private CsvFields() {
    }

    /**
     * The fields of {@code line}, which holds no line terminator. An empty line is one empty field.
     *
     * @throws DataFormatException naming {@code source}, {@code lineNumber} and the 0-based column index
     */
    public static String[] split(String line, char delimiter, char quote, String source, long lineNumber) {
        if (line.indexOf(quote) < 0) {
            return splitUnquoted(line, delimiter);
        }
        List<String> fields = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            int column = fields.size();
            i = skipBlanks(line, i, delimiter);
            if (i < n && line.charAt(i) == quote) {
                StringBuilder field = new StringBuilder();
                i = readQuoted(line, i + 1, quote, field, source, lineNumber, column);
                i = skipBlanks(line, i, delimiter);
                if (i < n && line.charAt(i) != delimiter) {
                    throw new DataFormatException(source, lineNumber, "column index " + column + ": unexpected '"
                            + line.charAt(i) + "' after the closing quote " + CsvOptions.describe(quote)
                            + " (expected the delimiter " + CsvOptions.describe(delimiter) + " or the end of the line)");
                }
                fields.add(field.toString());
            } else {
                int end = i;
                while (end < n && line.charAt(end) != delimiter) {
                    if (line.charAt(end) == quote) {
                        throw new DataFormatException(source, lineNumber, "column index " + column + ": quote "
                                + CsvOptions.describe(quote) + " inside an unquoted field; a quoted field must start"
                                + " with the quote, and quoted fields may not contain line breaks");
                    }
                    end++;
                }
                fields.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return fields.toArray(new String[0]);
            }
            i++; // past the delimiter; a delimiter at the very end leaves one empty field
        }
    }

    /** Reads a quoted field's content from just after its opening quote; returns the index after the closing one. */
    private static int readQuoted(String line, int from, char quote, StringBuilder field, String source,
                                  long lineNumber, int column) {
        int i = from;
        while (true) {
            int close = line.indexOf(quote, i);
            if (close < 0) {
                throw new DataFormatException(source, lineNumber, "column index " + column + ": unbalanced quote "
                        + CsvOptions.describe(quote) + ", the quoted field is never closed; quoted fields may not"
                        + " contain line breaks");
            }
            field.append(line, i, close);
            if (close + 1 < line.length() && line.charAt(close + 1) == quote) {
                field.append(quote);
                i = close + 2;
            } else {
                return close + 1;
            }
        }
    }

    private static int skipBlanks(String line, int i, char delimiter) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == delimiter || (c != ' ' && c != '\t')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static String[] splitUnquoted(String line, char delimiter) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int k = 0; k < count; k++) {
            int end = line.indexOf(delimiter, start);
            if (end < 0) {
                end = line.length();
            }
            fields[k] = line.substring(start, end).strip();
            start = end + 1;
        }
        return fields;
    }
}
