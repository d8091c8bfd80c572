package dev.backprop.spark;

import dev.backprop.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a bad line is reported: its line of the file, or honestly its place in the split. */
class LineSourceTest {

    @TempDir
    Path dir;

    @Test
    void aSplitInsideTheFileCountsTheLinesBeforeIt() throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "aa\nbb\ncc\ndd\n");
        // A split from byte 4 starts after the break that ends line 2 ("bb"): its first line is line 3.
        DataFormatException e = new LineSource(file.toString(), 4).locate(
                new DataFormatException("ignored", 1, "bad"), 1);
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(file + " line 3: bad", e.getMessage());
    }

    @Test
    void whenTheLinesBeforeTheSplitCannotBeCountedThePlaceInTheSplitIsSaid() {
        String missing = dir.resolve("gone.txt").toString();
        DataFormatException e = new LineSource(missing, 100).locate(new DataFormatException("x", 7, "bad"), 7);
        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith(missing + " (the part from byte 100) line 7: bad"), e.getMessage());
    }
}
