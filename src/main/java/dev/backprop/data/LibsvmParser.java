package dev.backprop.data;

/**
 * Parses LIBSVM lines, {@code <label> <index>:<value> ...}, with 1-based strictly increasing indices as Spark
 * and libsvm write them. Blank lines and lines starting with {@code #} carry no example; text after a {@code #}
 * is a comment.
 */
public final class LibsvmParser {

    private LibsvmParser() {
    }

    /**
     * Parses one line into a point with 0-based indices, or returns null for a blank or comment line.
     *
     * @param numFeatures the declared number of features, or 0 to accept any index
     * @throws DataFormatException naming {@code source} and {@code lineNumber}
     */
    public static LabeledPoint parse(String line, String source, long lineNumber, int numFeatures) {
        LabeledPoint fast = parseFast(line, numFeatures);
        return fast != null ? fast : parseFully(line, source, lineNumber, numFeatures);
    }

    /** The full parser: comments, blank lines, any whitespace, and an error for anything malformed. */
    static LabeledPoint parseFully(String line, String source, long lineNumber, int numFeatures) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (content.isEmpty()) {
            return null;
        }
        String[] tokens = content.split("\\s+");
        double label = number(tokens[0], "label", source, lineNumber);
        int[] indices = new int[tokens.length - 1];
        double[] values = new double[tokens.length - 1];
        int previous = 0;
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1) {
                throw new DataFormatException(source, lineNumber, "expected <index>:<value>, got '" + token + "'");
            }
            int index;
            try {
                index = Integer.parseInt(token.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new DataFormatException(source, lineNumber, "feature index '" + token.substring(0, colon)
                        + "' is not an integer");
            }
            if (index <= previous) {
                throw new DataFormatException(source, lineNumber, index < 1
                        ? "feature index " + index + " is below 1 (LIBSVM indices are 1-based)"
                        : "feature indices must increase, " + index + " follows " + previous);
            }
            if (numFeatures > 0 && index > numFeatures) {
                throw new DataFormatException(source, lineNumber, "feature index " + index
                        + " exceeds the declared number of features " + numFeatures);
            }
            indices[i - 1] = index - 1;
            values[i - 1] = number(token.substring(colon + 1), "value of feature " + index, source, lineNumber);
            previous = index;
        }
        return new LabeledPoint(label, indices, values);
    }

    /** Powers of ten that a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];

    static {
        EXACT_POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < EXACT_POWERS_OF_TEN.length; i++) {
            EXACT_POWERS_OF_TEN[i] = EXACT_POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * The common case in one scan, without regular expressions or substrings: a label and {@code index:value}
     * pairs separated by spaces or tabs, indices increasing from 1 and within {@code numFeatures}, plain decimal
     * numbers. Returns null for anything else (blank lines, comments, errors of any kind), which the full parser
     * then handles and reports; what it returns is what the full parser would (numbers rounded correctly, as
     * {@link Double#parseDouble} does).
     */
    static LabeledPoint parseFast(String line, int numFeatures) {
        int end = line.length();
        int pairs = 0;
        for (int colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
            pairs++;
        }
        int i = skipBlanks(line, 0, end);
        int tokenEnd = tokenEnd(line, i, end);
        if (i == tokenEnd) {
            return null;
        }
        double label = decimal(line, i, tokenEnd);
        if (Double.isNaN(label)) {
            return null;
        }
        int[] indices = new int[pairs];
        double[] values = new double[pairs];
        int previous = 0;
        int count = 0;
        i = skipBlanks(line, tokenEnd, end);
        while (i < end) {
            int index = 0;
            int digits = 0;
            while (i < end && line.charAt(i) >= '0' && line.charAt(i) <= '9' && digits < 9) {
                index = index * 10 + (line.charAt(i++) - '0');
                digits++;
            }
            if (digits == 0 || i >= end || line.charAt(i) != ':' || index <= previous
                    || (numFeatures > 0 && index > numFeatures) || count == pairs) {
                return null;
            }
            tokenEnd = tokenEnd(line, ++i, end);
            double value = decimal(line, i, tokenEnd);
            if (Double.isNaN(value)) {
                return null;
            }
            indices[count] = index - 1;
            values[count++] = value;
            previous = index;
            i = skipBlanks(line, tokenEnd, end);
        }
        return count == pairs ? new LabeledPoint(label, indices, values) : null;
    }

    private static int skipBlanks(String line, int i, int end) {
        while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String line, int i, int end) {
        while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    /**
     * The decimal number in {@code line[from, to)}: optional sign, digits with at most one point, optional
     * exponent. With at most 15 significant digits and a power of ten a double holds exactly, one multiplication or
     * division rounds once, so the result is the correctly rounded value; other well-formed numbers go through
     * {@link Double#parseDouble}. NaN means "not a plain finite number here" (the full parser reports it).
     */
    private static double decimal(String line, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (line.charAt(i) == '-' || line.charAt(i) == '+')) {
            negative = line.charAt(i++) == '-';
        }
        long mantissa = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean anyDigit = false;
        for (; i < to; i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (mantissa != 0 || c != '0') {
                    significant++;
                }
                if (significant > 15) {
                    return slowDecimal(line, from, to);
                }
                mantissa = mantissa * 10 + (c - '0');
                if (point) {
                    fractionDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to) {
            char c = line.charAt(i);
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            return slowDecimal(line, from, to);
        }
        exponent -= fractionDigits;
        double value;
        if (exponent >= 0 && exponent < EXACT_POWERS_OF_TEN.length) {
            value = mantissa * EXACT_POWERS_OF_TEN[exponent];
        } else if (exponent < 0 && -exponent < EXACT_POWERS_OF_TEN.length) {
            value = mantissa / EXACT_POWERS_OF_TEN[-exponent];
        } else {
            return slowDecimal(line, from, to);
        }
        return negative ? -value : value;
    }

    private static double slowDecimal(String line, int from, int to) {
        try {
            double v = Double.parseDouble(line.substring(from, to));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double number(String text, String what, String source, long lineNumber) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, lineNumber, what + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(source, lineNumber, what + " '" + text + "' is not finite");
        }
        return v;
    }
}
