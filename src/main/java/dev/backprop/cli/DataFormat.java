package dev.backprop.cli;

import dev.backprop.data.CsvColumn;
import dev.backprop.data.CsvOptions;
import dev.backprop.data.CsvParser;
import dev.backprop.data.LibsvmParser;
import dev.backprop.spark.ExampleLoader;
import dev.backprop.spark.FirstLine;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The line parser that the data keys describe (data.format, data.features, data.label, data.header, ...). */
final class DataFormat {

    private final ExampleLoader.LineParser parser;
    private final int features;

    private DataFormat(ExampleLoader.LineParser parser, int features) {
        this.parser = parser;
        this.features = features;
    }

    ExampleLoader.LineParser parser() {
        return parser;
    }

    /** The number of features; 0 when it is to be inferred from LIBSVM data. */
    int features() {
        return features;
    }

    /** The format of {@code path} (for CSV, its header or first row tells the columns). */
    static DataFormat of(Settings settings, String path, Configuration conf) {
        return of(settings, path, conf, 0);
    }

    /**
     * The format of {@code path}, where {@code knownFeatures}, when positive, stands in for an undeclared number of
     * features ({@code data.features=0}): the width that the training data or the model already fixed. Data wider
     * than that is then refused as it is parsed, with its file and line.
     */
    static DataFormat of(Settings settings, String path, Configuration conf, int knownFeatures) {
        int declared = settings.integer(TrainSettings.DATA_FEATURES) > 0
                ? settings.integer(TrainSettings.DATA_FEATURES) : knownFeatures;
        if (settings.text(TrainSettings.DATA_FORMAT).equals("libsvm")) {
            return new DataFormat((line, file, n) -> LibsvmParser.parse(line, file, n, declared), declared);
        }
        CsvOptions options = CsvOptions.builder()
                .header(settings.flag(TrainSettings.DATA_HEADER))
                .delimiter(delimiter(settings.text(TrainSettings.DATA_DELIMITER)))
                .label(CsvColumn.parse(settings.text(TrainSettings.DATA_LABEL)))
                .numFeatures(declared)
                .build();
        FirstLine.Result first;
        try {
            first = FirstLine.of(path, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        CsvParser csv;
        try {
            csv = CsvParser.create(options, first.line(), first.file());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new DataFormat((line, file, n) -> csv.isHeader(line) ? null : csv.parse(line, file, n),
                csv.numFeatures());
    }

    private static char delimiter(String text) {
        if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new UsageException(TrainSettings.DATA_DELIMITER + "=" + text
                    + " is not allowed; give one character, or tab");
        }
        return text.charAt(0);
    }
}
