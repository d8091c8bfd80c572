package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What the training data fixed about a table, turning {@link CsvRecord}s into {@link LabeledPoint}s: the label
 * column(s), the label map (classification) or none (regression), the feature columns with the categories of the
 * categorical ones, and the training mean of every feature (used to impute missing cells).
 *
 * <p><b>Feature layout.</b> The feature columns (neither label nor ignored) in their order in the file; a numeric
 * column is one feature, named after the column; a categorical column with categories {@code c_0 < c_1 < ...} is one
 * feature per category in that order, in place of the column, named {@code column=c_i} and set to 1 for its category
 * and 0 otherwise. For columns {@code age, color (blue, red), height} the features are
 * {@code age, color=blue, color=red, height}. Points are dense, with indices {@code 0..numFeatures()-1}.
 *
 * <p><b>Label.</b> For classification the class index of the label ({@link LabelMap#classOf}) as a double, from
 * the one label column; for regression the number of each label column, in order: one, or one per target of a
 * regression with several targets (several label columns are never a classification).
 *
 * <p><b>Missing cells.</b> A missing numeric cell becomes the column's training mean; a missing categorical cell
 * becomes the training means of its one-hot features, the categories' frequencies among the column's present
 * training cells. (The parser refuses missing cells unless the policy is {@link MissingValues#MEAN}.)
 *
 * <p><b>Use.</b> Training: {@link #fit} on the profile of the training records, then {@link #parser} for the line
 * parser that makes points. Storage: {@link #state()} gives plain lists, {@link #restore} rebuilds an equal schema
 * from them, which makes identical points.
 */
public final class TableSchema implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> labelColumns;  // one, or one per regression target
    private final LabelMap labels;            // null for regression
    private final List<String> columns;
    private final boolean[] categorical;
    private final CategoryEncoder[] encoders; // per column; null for a numeric column
    private final int[] offsets;              // first feature of each column
    private final double[] means;             // per feature
    private final int numFeatures;

    /**
     * The exact state of a schema, as plain values for a model file.
     *
     * @param labelColumns the label columns' names (header cells, or {@code _c<index>}): one, or one per target of
     *                     a regression with several targets, in output order
     * @param labels      the class labels in class order ({@link LabelMap#labels()}); empty for regression
     * @param columns     the feature columns' names in file order
     * @param categorical for each feature column, whether it is categorical
     * @param categories  for each feature column, its categories in one-hot order; empty for a numeric column
     * @param means       the training mean of every feature, in feature order (a category's frequency for one-hot
     *                    features)
     */
    public record State(List<String> labelColumns, List<String> labels, List<String> columns,
                        List<Boolean> categorical, List<List<String>> categories, List<Double> means)
            implements Serializable {
        public State {
            labelColumns = List.copyOf(labelColumns);
            if (labelColumns.isEmpty()) {
                throw new IllegalArgumentException("a table has at least one label column");
            }
            labels = List.copyOf(labels);
            columns = List.copyOf(columns);
            categorical = List.copyOf(categorical);
            List<List<String>> copied = new ArrayList<>(categories.size());
            for (List<String> c : categories) {
                copied.add(List.copyOf(c));
            }
            categories = List.copyOf(copied);
            means = List.copyOf(means);
        }

        /** The state of a table with one label column. */
        public State(String labelColumn, List<String> labels, List<String> columns, List<Boolean> categorical,
                     List<List<String>> categories, List<Double> means) {
            this(List.of(Objects.requireNonNull(labelColumn, "label column")), labels, columns, categorical,
                    categories, means);
        }

        /**
         * The label column of a table that has one.
         *
         * @throws IllegalStateException when it has several ({@link #labelColumns()})
         */
        public String labelColumn() {
            if (labelColumns.size() != 1) {
                throw new IllegalStateException("a table of " + labelColumns.size() + " label columns "
                        + labelColumns + " has no single label column");
            }
            return labelColumns.get(0);
        }

        /** Whether the schema is for classification (it has labels). */
        public boolean classification() {
            return !labels.isEmpty();
        }
    }

    private TableSchema(List<String> labelColumns, LabelMap labels, List<String> columns, boolean[] categorical,
                        CategoryEncoder[] encoders, double[] means) {
        this.labelColumns = List.copyOf(labelColumns);
        if (labels != null && labelColumns.size() != 1) {
            throw new IllegalArgumentException("a classification has one label column, not " + labelColumns.size()
                    + " " + labelColumns + "; several label columns are the targets of a regression");
        }
        this.labels = labels;
        this.columns = List.copyOf(columns);
        this.categorical = categorical;
        this.encoders = encoders;
        this.offsets = new int[columns.size()];
        int width = 0;
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = width;
            width += categorical[k] ? encoders[k].size() : 1;
        }
        this.numFeatures = width;
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table schema needs at least one feature column");
        }
        if (means.length != numFeatures) {
            throw new IllegalArgumentException(means.length + " feature means for " + numFeatures + " features");
        }
        for (int f = 0; f < means.length; f++) {
            if (!Double.isFinite(means[f])) {
                throw new IllegalArgumentException("the mean of feature " + f + " is " + means[f]);
            }
        }
        this.means = means;
    }

    /**
     * The schema of the table that {@code parser} reads, from the {@code profile} of its training records: for
     * classification, the label map of {@link CsvOptions#labelOrder()} when given, else fitted from the observed
     * labels ({@link LabelMap#fit}); the categories observed in each categorical column ({@link CategoryEncoder#fit});
     * the means of the present cells.
     *
     * @throws IllegalArgumentException when the profile exceeded its caps ({@link CsvProfile#checkLimits()}), has
     *                                  no rows, does not fit the parser, or a column has no present cell (no category
     *                                  to encode, no mean to impute); for a classification whose parser has several
     *                                  label columns
     */
    public static TableSchema fit(CsvParser parser, CsvProfile profile, boolean classification) {
        if (classification && parser.labelColumns().length != 1) {
            throw new IllegalArgumentException("a classification has one label column, not "
                    + parser.labelColumns().length + " " + parser.labelNames() + "; several label columns"
                    + " (data.label) are the targets of a regression");
        }
        profile.checkLimits();
        if (profile.numNumeric() != parser.numericColumns().length
                || profile.numCategorical() != parser.categoricalColumns().length) {
            throw new IllegalArgumentException("the profile does not fit the parser's columns");
        }
        if (classification && !profile.collectsLabels()) {
            throw new IllegalArgumentException("a classification needs a profile that collected the labels");
        }
        if (profile.rows() == 0) {
            throw new IllegalArgumentException("the training data has no rows");
        }
        LabelMap labels = null;
        if (classification) {
            List<String> order = parser.options().labelOrder();
            labels = order.isEmpty() ? LabelMap.fit(profile.labels()) : LabelMap.of(order);
        }
        boolean[] categorical = parser.categoricalFeatures();
        CategoryEncoder[] encoders = new CategoryEncoder[categorical.length];
        List<Double> means = new ArrayList<>();
        List<String> names = parser.featureNames();
        for (int k = 0, n = 0, m = 0; k < categorical.length; k++) {
            if (categorical[k]) {
                SortedMap<String, Long> counts = profile.categoryCounts(m);
                if (counts.isEmpty()) {
                    throw new IllegalArgumentException("categorical " + profile.categoricalColumn(m)
                            + " has no value in the training data, so it has no category to encode; ignore it");
                }
                encoders[k] = CategoryEncoder.fit(names.get(k), counts.keySet());
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                for (long c : counts.values()) {
                    means.add((double) c / total);
                }
                m++;
            } else {
                if (profile.count(n) == 0) {
                    throw new IllegalArgumentException("numeric " + profile.numericColumn(n) + " has no value in"
                            + " the training data, so it has no mean to impute; ignore it");
                }
                means.add(profile.mean(n));
                n++;
            }
        }
        return new TableSchema(parser.labelNames(), labels, names, categorical, encoders, toArray(means));
    }

    /**
     * The schema whose {@link #state()} is {@code state}.
     *
     * @throws IllegalArgumentException when the state is inconsistent (sizes, blank or repeated labels or
     *                                  categories, means that are not finite)
     */
    public static TableSchema restore(State state) {
        int n = state.columns().size();
        if (state.categorical().size() != n || state.categories().size() != n) {
            throw new IllegalArgumentException("a table schema state needs the kind and categories of each of its "
                    + n + " columns, got " + state.categorical().size() + " kinds and " + state.categories().size()
                    + " category lists");
        }
        boolean[] categorical = new boolean[n];
        CategoryEncoder[] encoders = new CategoryEncoder[n];
        for (int k = 0; k < n; k++) {
            categorical[k] = state.categorical().get(k);
            List<String> categories = state.categories().get(k);
            if (categorical[k]) {
                encoders[k] = CategoryEncoder.of(state.columns().get(k), categories);
            } else if (!categories.isEmpty()) {
                throw new IllegalArgumentException("numeric column '" + state.columns().get(k) + "' has categories "
                        + categories);
            }
        }
        LabelMap labels = state.labels().isEmpty() ? null : LabelMap.of(state.labels());
        return new TableSchema(state.labelColumns(), labels, state.columns(), categorical, encoders,
                toArray(state.means()));
    }

    /** This schema as plain values; {@link #restore} on it gives an equal schema. */
    public State state() {
        List<Boolean> kinds = new ArrayList<>(categorical.length);
        List<List<String>> categories = new ArrayList<>(categorical.length);
        for (int k = 0; k < categorical.length; k++) {
            kinds.add(categorical[k]);
            categories.add(categorical[k] ? encoders[k].categories() : List.of());
        }
        List<Double> meanList = new ArrayList<>(means.length);
        for (double m : means) {
            meanList.add(m);
        }
        return new State(labelColumns, labels == null ? List.of() : labels.labels(), columns, kinds, categories,
                meanList);
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /** Whether the label is a class (true) or a number to regress (false). */
    public boolean classification() {
        return labels != null;
    }

    /** The label map of a classification; null for regression. */
    public LabelMap labelMap() {
        return labels;
    }

    /** The number of classes of a classification; 0 for regression. */
    public int numClasses() {
        return labels == null ? 0 : labels.size();
    }

    /**
     * The label column's name.
     *
     * @throws IllegalStateException for a regression with several label columns ({@link #labelColumns()})
     */
    public String labelColumn() {
        if (labelColumns.size() != 1) {
            throw new IllegalStateException("this table has " + labelColumns.size() + " label columns "
                    + labelColumns + ", not one");
        }
        return labelColumns.get(0);
    }

    /** The label columns' names, in label order: one, or one per target of a regression. */
    public List<String> labelColumns() {
        return labelColumns;
    }

    /** The feature columns' names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The names of the categorical feature columns, in file order. */
    public List<String> categoricalColumns() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < categorical.length; k++) {
            if (categorical[k]) {
                names.add(columns.get(k));
            }
        }
        return List.copyOf(names);
    }

    /** The encoder of categorical feature column {@code name}; null if there is no such categorical column. */
    public CategoryEncoder encoder(String name) {
        for (int k = 0; k < categorical.length; k++) {
            if (categorical[k] && columns.get(k).equals(name)) {
                return encoders[k];
            }
        }
        return null;
    }

    /** The width of every point: numeric columns plus the categories of the categorical columns. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Every feature's name, in feature order (see the class comment). */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(numFeatures);
        for (int k = 0; k < categorical.length; k++) {
            if (categorical[k]) {
                names.addAll(encoders[k].featureNames());
            } else {
                names.add(columns.get(k));
            }
        }
        return List.copyOf(names);
    }

    /** For every feature, whether it is a one-hot feature of a categorical column (a scaler may leave those be). */
    public boolean[] oneHotFeatures() {
        boolean[] oneHot = new boolean[numFeatures];
        for (int k = 0; k < categorical.length; k++) {
            if (categorical[k]) {
                Arrays.fill(oneHot, offsets[k], offsets[k] + encoders[k].size(), true);
            }
        }
        return oneHot;
    }

    /** The training mean of every feature, in feature order (the values that impute missing cells). */
    public double[] means() {
        return means.clone();
    }

    /**
     * The point of {@code record}, whose cells are in the layout of a parser this schema accepts ({@link #parser}).
     *
     * @throws DataFormatException naming {@code source} and {@code line}: for a label outside the label map, a
     *                             regression label that is not a number, or an unseen category under
     *                             {@link UnseenCategories#ERROR}
     */
    public LabeledPoint pointOf(CsvRecord record, UnseenCategories unseen, String source, long line) {
        String[] where = new String[labelColumns.size()];
        for (int k = 0; k < where.length; k++) {
            where[k] = "label column '" + labelColumns.get(k) + "'";
        }
        return new LabeledPoint(labels(record, where, source, line), indices(),
                features(record, unseen, null, source, line), record.weight());
    }

    /**
     * The point of {@code record} with label 0 and the label cell not looked at, for predicting on data whose labels
     * may be unknown.
     */
    public LabeledPoint unlabeledPointOf(CsvRecord record, UnseenCategories unseen, String source, long line) {
        return new LabeledPoint(0, indices(), features(record, unseen, null, source, line));
    }

    /** The labels of {@code record}, one per label column; {@code where} names each column in messages. */
    private double[] labels(CsvRecord record, String[] where, String source, long line) {
        String[] texts = record.labels();
        if (texts.length != labelColumns.size()) {
            throw new IllegalArgumentException("a record of " + texts.length + " label cells does not fit a schema of "
                    + labelColumns.size() + " label columns " + labelColumns);
        }
        double[] values = new double[texts.length];
        for (int k = 0; k < texts.length; k++) {
            values[k] = label(texts[k], where[k], source, line);
        }
        return values;
    }

    private double label(String text, String where, String source, long line) {
        if (labels != null) {
            return labels.classOf(text, source, line);
        }
        double v = CsvParser.decimalOrNaN(text);
        if (Double.isNaN(v)) {
            throw new DataFormatException(source, line, where + ": '" + text.strip() + "' is not a finite number"
                    + " (a regression target must be a number)");
        }
        return v;
    }

    private int[] indices() {
        int[] indices = new int[numFeatures];
        Arrays.setAll(indices, i -> i);
        return indices;
    }

    /** @param where how messages name each categorical cell's column, or null for {@code column '<name>'} */
    private double[] features(CsvRecord record, UnseenCategories unseen, String[] where, String source, long line) {
        double[] numeric = record.numeric();
        String[] cells = record.categories();
        double[] x = new double[numFeatures];
        int n = 0;
        int m = 0;
        for (int k = 0; k < categorical.length; k++) {
            int f = offsets[k];
            if (categorical[k]) {
                if (m >= cells.length) {
                    throw layoutMismatch(record);
                }
                String cell = cells[m];
                if (cell == null) {
                    System.arraycopy(means, f, x, f, encoders[k].size());
                } else {
                    encoders[k].encode(cell, x, f, unseen,
                            where == null ? "column '" + columns.get(k) + "'" : where[m], source, line);
                }
                m++;
            } else {
                if (n >= numeric.length) {
                    throw layoutMismatch(record);
                }
                double v = numeric[n++];
                x[f] = Double.isNaN(v) ? means[f] : v;
            }
        }
        if (n != numeric.length || m != cells.length) {
            throw layoutMismatch(record);
        }
        return x;
    }

    private IllegalArgumentException layoutMismatch(CsvRecord record) {
        return new IllegalArgumentException("a record of " + record.numeric().length + " numeric and "
                + record.categories().length + " categorical cells does not fit a schema of "
                + (categorical.length - categoricalColumns().size()) + " and " + categoricalColumns().size());
    }

    /**
     * The line parser of data read by {@code csv} (training, evaluation or prediction data), which must have this
     * schema's feature columns (same names, in the same order, the same ones categorical); unseen categories are
     * handled by {@code csv}'s {@link CsvOptions#unseenCategories()} and missing cells by its
     * {@link CsvOptions#missing()}. It must have as many label columns as this schema.
     *
     * @throws IllegalArgumentException listing both when the columns differ
     */
    public Parser parser(CsvParser csv) {
        boolean[] kinds = csv.categoricalFeatures();
        if (!csv.featureNames().equals(columns) || !Arrays.equals(kinds, categorical)) {
            throw new IllegalArgumentException("the CSV feature columns " + describe(csv.featureNames(), kinds)
                    + " do not match the ones the schema was fitted on " + describe(columns, categorical));
        }
        if (csv.labelColumns().length != labelColumns.size()) {
            throw new IllegalArgumentException("the CSV label columns " + csv.labelNames() + " (data.label) are "
                    + csv.labelColumns().length + ", but the schema was fitted on " + labelColumns.size() + " "
                    + labelColumns);
        }
        int[] categoricalColumns = csv.categoricalColumns();
        String[] where = new String[categoricalColumns.length];
        for (int m = 0; m < where.length; m++) {
            where[m] = csv.describeColumn(categoricalColumns[m]);
        }
        return new Parser(this, csv, where, true);
    }

    private static String describe(List<String> names, boolean[] kinds) {
        StringBuilder described = new StringBuilder("[");
        for (int k = 0; k < names.size(); k++) {
            described.append(k == 0 ? "" : ", ").append(names.get(k))
                    .append(k < kinds.length && kinds[k] ? " (categorical)" : "");
        }
        return described.append("]").toString();
    }

    /**
     * Reads lines into points with a schema: {@link CsvParser#parseRecord} then {@link TableSchema#pointOf}.
     * Serializable, to be shipped to executors; its {@link #parse} has the shape of the Spark layer's line parser.
     */
    public static final class Parser implements Serializable {
        private static final long serialVersionUID = 1L;

        private final TableSchema schema;
        private final CsvParser csv;
        private final String[] where;
        private final String[] labelWhere;
        private final boolean labelled;

        private Parser(TableSchema schema, CsvParser csv, String[] where, boolean labelled) {
            this.schema = schema;
            this.csv = csv;
            this.where = where;
            this.labelled = labelled;
            int[] labelColumns = csv.labelColumns();
            this.labelWhere = new String[labelColumns.length];
            for (int k = 0; k < labelWhere.length; k++) {
                labelWhere[k] = "label " + csv.describeColumn(labelColumns[k]);
            }
        }

        /**
         * This parser with every label 0 and the label cells not looked at (they may be empty or unknown), for
         * prediction.
         */
        public Parser ignoringLabels() {
            return new Parser(schema, csv, where, false);
        }

        /**
         * The point on {@code line}, or null for a blank line or the header line.
         *
         * @throws DataFormatException naming {@code source}, {@code lineNumber} and, where it is about one, the
         *                             column
         */
        public LabeledPoint parse(String line, String source, long lineNumber) {
            if (csv.isHeader(line)) {
                return null;
            }
            CsvRecord record = labelled ? csv.parseRecord(line, source, lineNumber)
                    : csv.parseRecordIgnoringLabel(line, source, lineNumber);
            if (record == null) {
                return null;
            }
            UnseenCategories unseen = csv.options().unseenCategories();
            double[] x = schema.features(record, unseen, where, source, lineNumber);
            if (!labelled) {
                return new LabeledPoint(0, schema.indices(), x, record.weight());
            }
            return new LabeledPoint(schema.labels(record, labelWhere, source, lineNumber), schema.indices(), x,
                    record.weight());
        }

        public TableSchema schema() {
            return schema;
        }

        public CsvParser csv() {
            return csv;
        }

        /** The width of every point ({@link TableSchema#numFeatures()}). */
        public int numFeatures() {
            return schema.numFeatures();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema s && state().equals(s.state());
    }

    @Override
    public int hashCode() {
        return state().hashCode();
    }

    @Override
    public String toString() {
        return "TableSchema(" + (labels != null ? labels.size() + " classes" : labelColumns.size() == 1 ? "regression"
                : "regression of " + labelColumns.size() + " targets") + ", "
                + columns.size() + " columns, " + numFeatures + " features)";
    }
}
