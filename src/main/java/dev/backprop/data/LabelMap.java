package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Class labels as written in the data (numbers in any set, such as 0/1, -1/+1, 1..K or 3.0/7.0, or text such as
 * {@code malignant}) and the class indices {@code 0..K-1} they stand for.
 *
 * <p><b>Normalisation.</b> A label is compared after stripping surrounding whitespace. A label that is a decimal
 * number (digits, an optional sign, point and exponent; no hexadecimal, no {@code NaN} or infinity) is the same label
 * as every other text of the same value: {@code 1}, {@code 1.0}, {@code +1} and {@code 1e0} are one class, and so
 * are {@code 0} and {@code -0}. Any other label is compared as text, case-sensitively.
 *
 * <p><b>Order of the classes.</b> Given explicitly ({@link #of}), class {@code i} is the {@code i}-th label of the
 * list. Fitted from observed labels ({@link #fit}): when every label is a number, in ascending numeric order;
 * otherwise in lexicographic order ({@link String#compareTo}) of the labels' texts. The order does not depend on the
 * order in which labels were observed.
 *
 * <p><b>Printed form.</b> {@link #labels()} and {@link #labelOf(int)} give each class's label as the user wrote it:
 * for an explicit map, the text of the list; for a fitted one, among the texts observed for the class, the shortest,
 * then the lexicographically first ({@code -1} and {@code 1} rather than {@code -1.0} and {@code +1} when both forms
 * occur; {@code 1.0} when only {@code 1.0} does). {@link #labels()} is the exact stored state: {@link #of} on it
 * gives an equal map.
 */
public final class LabelMap implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many labels an error message lists before abbreviating. */
    static final int MAX_LISTED = 20;

    private final List<String> labels;
    private final Map<String, Integer> classByKey;
    private final boolean numeric;

    private LabelMap(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.classByKey = new HashMap<>();
        boolean allNumbers = true;
        for (int k = 0; k < this.labels.size(); k++) {
            String label = this.labels.get(k);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a class label must not be blank; labels " + quoted(labels));
            }
            if (!label.equals(label.strip())) {
                throw new IllegalArgumentException("a class label must not have surrounding whitespace: '" + label
                        + "'");
            }
            Integer previous = classByKey.put(key(label), k);
            if (previous != null) {
                throw new IllegalArgumentException("class labels '" + this.labels.get(previous) + "' and '" + label
                        + "' are the same label; each label may appear once in " + quoted(labels));
            }
            allNumbers &= isNumber(label);
        }
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a label map needs at least one label");
        }
        this.numeric = allNumbers;
    }

    /**
     * The map whose class {@code i} is {@code labels.get(i)}: an explicit order from configuration (for example
     * {@code benign, malignant}), or a stored map being restored. Labels are stripped of surrounding whitespace.
     *
     * @throws IllegalArgumentException for an empty list, a blank label, or two labels that are the same after
     *                                  normalisation (such as {@code 1} and {@code 1.0})
     */
    public static LabelMap of(List<String> labels) {
        List<String> stripped = new ArrayList<>(labels.size());
        for (String label : labels) {
            stripped.add(label == null ? null : label.strip());
        }
        return new LabelMap(stripped);
    }

    /**
     * The map of the distinct labels among {@code observed} (texts as read; repeats and several forms of one number
     * allowed), ordered and printed as the class comment says, whatever the order of {@code observed}.
     *
     * @throws IllegalArgumentException when nothing was observed or a label is blank
     */
    public static LabelMap fit(Collection<String> observed) {
        Map<String, String> formByKey = new HashMap<>();
        for (String text : observed) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a class label must not be blank");
            }
            String form = text.strip();
            formByKey.merge(key(form), form, LabelMap::preferredForm);
        }
        if (formByKey.isEmpty()) {
            throw new IllegalArgumentException("no label observed: the training data has no rows");
        }
        List<String> forms = new ArrayList<>(formByKey.values());
        boolean allNumbers = forms.stream().allMatch(LabelMap::isNumber);
        forms.sort(allNumbers ? Comparator.comparingDouble(CsvParser::decimalOrNaN) : Comparator.naturalOrder());
        return new LabelMap(forms);
    }

    /**
     * The class index of {@code labelText}.
     *
     * @throws DataFormatException naming {@code source} and {@code line} and listing the known labels (abbreviated
     *                             when there are many) when the label is not in the map
     */
    public int classOf(String labelText, String source, long line) {
        String text = labelText == null ? "" : labelText.strip();
        Integer k = text.isEmpty() ? null : classByKey.get(key(text));
        if (k == null) {
            throw new DataFormatException(source, line, "label '" + text + "' is not one of the " + labels.size()
                    + " known labels " + quoted(labels));
        }
        return k;
    }

    /** The class index of {@code labelText}, or -1 when the label is not in the map. */
    public int classOrMinusOne(String labelText) {
        String text = labelText == null ? "" : labelText.strip();
        Integer k = text.isEmpty() ? null : classByKey.get(key(text));
        return k == null ? -1 : k;
    }

    /** The label of class {@code classIndex}, as written (see the class comment), for writing predictions back. */
    public String labelOf(int classIndex) {
        if (classIndex < 0 || classIndex >= labels.size()) {
            throw new IllegalArgumentException("class " + classIndex + " is not in 0.." + (labels.size() - 1));
        }
        return labels.get(classIndex);
    }

    /** Every class's label in class order: the state to store; {@link #of} on it restores this map. */
    public List<String> labels() {
        return labels;
    }

    /** The number of classes. */
    public int size() {
        return labels.size();
    }

    /** Whether every label is a number. */
    public boolean isNumeric() {
        return numeric;
    }

    /**
     * The identity of a label under the normalisation of the class comment: {@code "n:" + value} for a decimal
     * number (negative zero read as zero), {@code "t:" + text} otherwise. Two texts are the same label exactly when
     * their keys are equal.
     */
    public static String key(String labelText) {
        String text = labelText.strip();
        double v = CsvParser.decimalOrNaN(text);
        if (Double.isNaN(v)) {
            return "t:" + text;
        }
        return "n:" + (v == 0 ? 0.0 : v);
    }

    private static boolean isNumber(String text) {
        return !Double.isNaN(CsvParser.decimalOrNaN(text));
    }

    /** Of two forms of one label, the one to print: the shorter, then the lexicographically first. */
    static String preferredForm(String a, String b) {
        if (a.length() != b.length()) {
            return a.length() < b.length() ? a : b;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code 'a', 'b', ... and 7 more}, in the given order. */
    static String quoted(Collection<String> values) {
        StringJoiner joined = new StringJoiner(", ");
        int listed = 0;
        for (String v : values) {
            if (listed == MAX_LISTED) {
                break;
            }
            joined.add("'" + v + "'");
            listed++;
        }
        int more = values.size() - listed;
        return joined + (more > 0 ? ", ... and " + more + " more" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap m && labels.equals(m.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner joined = new StringJoiner(", ", "LabelMap(", ")");
        for (int k = 0; k < labels.size(); k++) {
            joined.add("'" + labels.get(k) + "' -> " + k);
        }
        return joined.toString();
    }
}
