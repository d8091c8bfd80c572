package dev.backprop.cli;

import dev.backprop.spark.PassResult;

import java.io.PrintStream;
import java.util.Locale;

/** One line per epoch: epoch, loss, train accuracy, test accuracy, seconds, examples per second. */
final class EpochPrinter {

    private final PrintStream out;
    private final boolean classification;
    private final long examples;
    private boolean headerPrinted;

    EpochPrinter(PrintStream out, boolean classification, long examples) {
        this.out = out;
        this.classification = classification;
        this.examples = examples;
    }

    void print(int epoch, PassResult train, PassResult test, double seconds) {
        if (!headerPrinted) {
            out.println(classification
                    ? "epoch       loss  train_acc   test_acc  seconds  examples/s"
                    : "epoch       loss  test_loss  seconds  examples/s");
            headerPrinted = true;
        }
        String testColumn = test == null ? "-" : String.format(Locale.ROOT, "%.4f",
                classification ? test.accuracy() : test.meanLoss());
        if (classification) {
            out.printf(Locale.ROOT, "%5d %10.6f %10.4f %10s %8.3f %11.0f%n", epoch, train.meanLoss(),
                    train.accuracy(), testColumn, seconds, examples / seconds);
        } else {
            out.printf(Locale.ROOT, "%5d %10.6f %10s %8.3f %11.0f%n", epoch, train.meanLoss(), testColumn, seconds,
                    examples / seconds);
        }
    }
}
