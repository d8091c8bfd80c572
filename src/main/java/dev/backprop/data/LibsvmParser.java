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
