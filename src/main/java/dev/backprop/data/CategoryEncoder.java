package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The categories of one categorical column and their one-hot features: category {@code i} sets feature
 * {@code offset + i} to 1 and leaves the column's other features 0. Fitted categories are the distinct values of the
 * training data in lexicographic order ({@link String#compareTo}, case-sensitive, after stripping surrounding
 * whitespace), so the layout does not depend on the order of the data. {@link #categories()} is the exact stored
 * state: {@link #of} on it gives an equal encoder.
 */
public final class CategoryEncoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String column;
    private final List<String> categories;
    private final Map<String, Integer> indexByCategory;

    private CategoryEncoder(String column, List<String> categories) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a categorical column needs a name");
        }
        this.column = column;
        this.categories = List.copyOf(categories);
        this.indexByCategory = new HashMap<>();
        if (this.categories.isEmpty()) {
            throw new IllegalArgumentException("categorical column '" + column + "' has no category");
        }
        for (int i = 0; i < this.categories.size(); i++) {
            String category = this.categories.get(i);
            if (category.isEmpty() || !category.equals(category.strip())) {
                throw new IllegalArgumentException("a category of column '" + column + "' must be non-blank and"
                        + " have no surrounding whitespace, got '" + category + "'");
            }
            if (indexByCategory.put(category, i) != null) {
                throw new IllegalArgumentException("category '" + category + "' appears twice in column '" + column
                        + "'");
            }
        }
    }

    /** The encoder of {@code column} whose category {@code i} is {@code categories.get(i)} (a stored encoder). */
    public static CategoryEncoder of(String column, List<String> categories) {
        return new CategoryEncoder(column, categories);
    }

    /** The encoder of the distinct values among {@code observed}, sorted lexicographically. */
    public static CategoryEncoder fit(String column, Collection<String> observed) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String value : observed) {
            distinct.add(value.strip());
        }
        return new CategoryEncoder(column, new ArrayList<>(distinct));
    }

    /** The column's name, as in {@link #featureNames()}. */
    public String column() {
        return column;
    }

    /** The categories in one-hot order: the state to store. */
    public List<String> categories() {
        return categories;
    }

    /** The number of categories, which is the number of the column's one-hot features. */
    public int size() {
        return categories.size();
    }

    /** The position of {@code category} (stripped) among the categories, or -1 for an unseen category. */
    public int indexOf(String category) {
        Integer i = indexByCategory.get(category.strip());
        return i == null ? -1 : i;
    }

    /** {@code column=category} for every category, in one-hot order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(categories.size());
        for (String category : categories) {
            names.add(column + "=" + category);
        }
        return List.copyOf(names);
    }

    /**
     * Writes the one-hot features of {@code category} into {@code features[offset .. offset + size())}, which are 0
     * on entry: a 1 for a known category; nothing for an unseen category under {@link UnseenCategories#IGNORE}.
     *
     * @param where how error messages name the column ({@code column 'color' (index 2)})
     * @throws DataFormatException for an unseen category under {@link UnseenCategories#ERROR}, naming
     *                             {@code source}, {@code line}, the column and the value and listing the known
     *                             categories (abbreviated when there are many)
     */
    public void encode(String category, double[] features, int offset, UnseenCategories policy, String where,
                       String source, long line) {
        int i = indexOf(category);
        if (i >= 0) {
            features[offset + i] = 1;
        } else if (policy == UnseenCategories.ERROR) {
            throw new DataFormatException(source, line, where + ": category '" + category.strip()
                    + "' was not in the training data, whose " + categories.size() + " categories are "
                    + LabelMap.quoted(categories) + " (the unseen-category policy 'ignore' encodes it as none of"
                    + " them)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryEncoder e && column.equals(e.column) && categories.equals(e.categories);
    }

    @Override
    public int hashCode() {
        return 31 * column.hashCode() + categories.hashCode();
    }

    @Override
    public String toString() {
        return "CategoryEncoder(" + column + ": " + categories + ")";
    }
}
