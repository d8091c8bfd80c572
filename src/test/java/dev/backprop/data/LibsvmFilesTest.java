package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole files, plain and gzipped, read to the same points; errors carry the file's line number. */
class LibsvmFilesTest {

    private static final String CONTENT = String.join("\n",
            "# header comment",
            "1 1:0.5 3:2",
            "",
            "0 2:-1e-2 # trailing comment",
            "2",
            "1 1:1 2:2 3:3\r",
            "");

    private static final List<LabeledPoint> EXPECTED = List.of(
            new LabeledPoint(1, new int[] {0, 2}, new double[] {0.5, 2}),
            new LabeledPoint(0, new int[] {1}, new double[] {-0.01}),
            new LabeledPoint(2, new int[] {}, new double[] {}),
            new LabeledPoint(1, new int[] {0, 1, 2}, new double[] {1, 2, 3}));

    @TempDir
    Path dir;

    @Test
    void plainAndGzippedFilesGiveTheSamePoints() throws IOException {
        Path plain = dir.resolve("small.libsvm");
        Files.writeString(plain, CONTENT, StandardCharsets.UTF_8);
        Path gzipped = gzip(dir.resolve("small.libsvm.gz"), CONTENT);

        List<LabeledPoint> fromPlain = LibsvmFiles.read(plain, 3);
        List<LabeledPoint> fromGzip = LibsvmFiles.read(gzipped, 3);

        assertEquals(EXPECTED, fromPlain);
        assertEquals(EXPECTED, fromGzip);
        // The .gz file is really compressed: reading its bytes as text would fail.
        assertTrue(Files.readAllBytes(gzipped)[0] == (byte) 0x1f, "not a gzip file");
    }

    @Test
    void aStreamIsReadWithItsGivenName() throws IOException {
        List<LabeledPoint> points = LibsvmFiles.read(
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)), "memory", 3);
        assertEquals(EXPECTED, points);
    }

    @Test
    void malformedLineInTheMiddleOfAGzippedFileReportsItsLineNumber() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 1000; line++) {
            if (line == 500) {
                text.append("1 2:1 2:3\n"); // repeated index
            } else if (line % 7 == 0) {
                text.append("# comment\n");
            } else if (line % 11 == 0) {
                text.append('\n');
            } else {
                text.append(line % 3).append(" 1:").append(line).append(" 4:0.25\n");
            }
        }
        Path gzipped = gzip(dir.resolve("bad.libsvm.gz"), text.toString());

        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFiles.read(gzipped, 4));

        assertEquals(500, e.line());
        assertEquals(gzipped.toString(), e.source());
        assertTrue(e.getMessage().contains(gzipped.toString() + " line 500"), e.getMessage());
    }

    @Test
    void indexAboveDeclaredFeaturesIsReportedWithTheFileLine() throws IOException {
        Path plain = dir.resolve("wide.libsvm");
        Files.writeString(plain, "1 1:1\n0 2:1\n1 5:1\n", StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFiles.read(plain, 4));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("5"), e.getMessage());
    }

    private static Path gzip(Path path, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }
}
