package dev.backprop.spark;

import dev.backprop.data.DataFormatException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where a line came from, for error messages: the file and the 1-based line number. A task reading a split that
 * starts inside a file knows only the line's position within the split; the lines before the split are counted
 * from the file itself, and only when an error is reported.
 */
final class LineSource implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long splitStart;

    LineSource(String file, long splitStart) {
        this.file = file;
        this.splitStart = splitStart;
    }

    String file() {
        return file;
    }

    /**
     * The file's line number of the {@code lineInSplit}-th (1-based) line of the split. A split that starts at
     * byte {@code s > 0} begins with the line after the first line break at or after {@code s} (Hadoop's line
     * reader leaves the line it starts in to the previous split), so that break is counted too.
     */
    long lineNumber(long lineInSplit) {
        if (splitStart == 0) {
            return lineInSplit;
        }
        long before = linesBefore(splitStart);
        return before < 0 ? -1 : before + 1 + lineInSplit;
    }

    /**
     * {@code problem} at the {@code lineInSplit}-th line of the split, placed at its line of the file; when the
     * lines before the split cannot be counted, honestly at its line within the split and the split's start.
     */
    DataFormatException locate(DataFormatException problem, long lineInSplit) {
        long line = lineNumber(lineInSplit);
        return line > 0 ? new DataFormatException(file, line, problem.problem())
                : new DataFormatException(file + " (the part from byte " + splitStart + ")", lineInSplit,
                        problem.problem());
    }

    private long linesBefore(long offset) {
        Path path = new Path(file);
        try (FSDataInputStream in = path.getFileSystem(new Configuration()).open(path)) {
            long lines = 0;
            byte[] buffer = new byte[1 << 16];
            long remaining = offset;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                remaining -= n;
            }
            return lines;
        } catch (IOException e) {
            return -1;
        }
    }

}
