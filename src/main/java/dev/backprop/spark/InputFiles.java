package dev.backprop.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The data files of an input path, in a fixed order: a file is itself; a folder is its files sorted by name (as
 * Spark names part files), skipping hidden files and markers such as {@code _SUCCESS}; a glob is its matches
 * sorted by path. Reading in this order keeps the input order of a folder of part files, and makes a seeded
 * shuffle independent of how the file system happens to list a folder.
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static List<Path> list(String pathText, Configuration conf) throws IOException {
        Path path = new Path(pathText);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new FileNotFoundException("input path does not exist: " + pathText);
        }
        Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
        List<Path> files = new ArrayList<>();
        for (FileStatus match : matches) {
            if (match.isDirectory()) {
                Arrays.stream(fs.listStatus(match.getPath()))
                        .filter(f -> f.isFile() && !f.getPath().getName().startsWith(".")
                                && !f.getPath().getName().startsWith("_"))
                        .map(FileStatus::getPath)
                        .sorted(Comparator.comparing(Path::getName))
                        .forEach(files::add);
            } else {
                files.add(match.getPath());
            }
        }
        if (files.isEmpty()) {
            throw new FileNotFoundException("input path holds no data file: " + pathText);
        }
        return files;
    }
}
