package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Categories of one column: sorted, one-hot, named, and what an unseen one becomes. */
class CategoryEncoderTest {

    @Test
    void fittedCategoriesAreDistinctAndSorted() {
        CategoryEncoder e = CategoryEncoder.fit("color", List.of("red", "blue ", "red", "Green", "blue"));
        assertEquals(List.of("Green", "blue", "red"), e.categories());
        assertEquals(3, e.size());
        assertEquals(List.of("color=Green", "color=blue", "color=red"), e.featureNames());
        assertEquals(1, e.indexOf(" blue"));
        assertEquals(-1, e.indexOf("green"));
    }

    @Test
    void encodesOneHotAtTheOffset() {
        CategoryEncoder e = CategoryEncoder.of("color", List.of("blue", "red"));
        double[] x = new double[4];
        e.encode("red", x, 1, UnseenCategories.ERROR, "column 'color'", "f.csv", 2);
        assertArrayEquals(new double[] {0, 0, 1, 0}, x);
    }

    @Test
    void unseenCategoryIsAnErrorNamingFileLineColumnAndValue() {
        CategoryEncoder e = CategoryEncoder.of("color", List.of("blue", "red"));
        DataFormatException ex = assertThrows(DataFormatException.class, () -> e.encode("green", new double[2], 0,
                UnseenCategories.ERROR, "column 'color' (index 2)", "test.csv", 17));
        assertEquals("test.csv line 17: column 'color' (index 2): category 'green' was not in the training data,"
                + " whose 2 categories are 'blue', 'red' (the unseen-category policy 'ignore' encodes it as none of"
                + " them)", ex.getMessage());
    }

    @Test
    void unseenCategoryIgnoredIsAllZero() {
        CategoryEncoder e = CategoryEncoder.of("color", List.of("blue", "red"));
        double[] x = new double[3];
        e.encode("green", x, 1, UnseenCategories.IGNORE, "column 'color'", "test.csv", 17);
        assertArrayEquals(new double[3], x);
    }

    @Test
    void storedCategoriesRestoreAnEqualEncoder() {
        CategoryEncoder e = CategoryEncoder.fit("size", List.of("S", "M", "L", "XL"));
        assertEquals(e, CategoryEncoder.of("size", List.copyOf(e.categories())));
        assertThrows(IllegalArgumentException.class, () -> CategoryEncoder.of("size", List.of("S", "S")));
        assertThrows(IllegalArgumentException.class, () -> CategoryEncoder.of("size", List.of()));
        assertThrows(IllegalArgumentException.class, () -> CategoryEncoder.of("size", List.of(" S")));
    }

    @Test
    void policiesParseTheirConfigurationNames() {
        assertEquals(UnseenCategories.IGNORE, UnseenCategories.parse(" Ignore "));
        assertEquals("error", UnseenCategories.ERROR.configName());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> UnseenCategories.parse("zero"));
        assertEquals("unknown unseen-category policy 'zero'; allowed: error, ignore", ex.getMessage());
        assertEquals(MissingValues.MEAN, MissingValues.parse("MEAN"));
        assertEquals("error, mean", MissingValues.allowed());
    }
}
