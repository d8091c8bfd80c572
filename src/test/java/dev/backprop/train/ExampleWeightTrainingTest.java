package dev.backprop.train;

import dev.backprop.data.Block;
import dev.backprop.data.BlockBuilder;
import dev.backprop.data.ClassWeights;
import dev.backprop.data.CsvOptions;
import dev.backprop.data.CsvParser;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.TargetEncoding;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV weight column enters training exactly: a row of weight 2 trains as the row written twice (full-batch
 * gradient descent in double, same trained parameters to 1e-9 relative), and a weight column of ones trains
 * bit-identically to no weight column at all.
 */
class ExampleWeightTrainingTest {

    private static final int EPOCHS = 25;

    /** Rows "x0,x1,x2,label", labels 0..2, with 4 decimals. */
    private static List<String> rows(int n, long seed) {
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                double v = Math.round(((j == label ? 1.5 : 0) + random.nextGaussian()) * 1e4) / 1e4;
                row.append(v).append(',');
            }
            rows.add(row.append(label).toString());
        }
        return rows;
    }

    /** Parses "x0,x1,x2,label" lines, or "x0,x1,x2,label,w" lines when {@code weighted}, into points. */
    private static List<LabeledPoint> parse(List<String> lines, boolean weighted) {
        CsvOptions.Builder options = CsvOptions.builder().label(3);
        if (weighted) {
            options.weight(4);
        }
        CsvParser parser = CsvParser.create(options.build(), lines.get(0), "rows.csv");
        List<LabeledPoint> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            points.add(parser.parse(lines.get(i), "rows.csv", i + 1));
        }
        return points;
    }

    private static double[] train(List<LabeledPoint> points, ClassWeights classWeights, OutputLoss output) {
        MlpSpec spec = MlpSpec.of(3, new int[] {6}, output == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 3 : 1,
                Activation.TANH, output);
        TargetEncoding encoding = output == OutputLoss.SOFTMAX_CROSS_ENTROPY ? new TargetEncoding.OneHot(3)
                : new TargetEncoding.Value();
        BlockBuilder builder = new BlockBuilder(3, encoding, Precision.DOUBLE, 1000).withClassWeights(classWeights);
        Block block = builder.stack(points, "rows.csv");
        FlatParameters params = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 11);
        new LocalTrainer(TrainingOptions.fullBatch(EPOCHS, 0.3, 1e-3)).train(params, List.of(block));
        return params.flat().toDoubleArray();
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), 1e-3);
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-9 * scale,
                    "parameter " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    /** The rows with weights 1, 2 and 0 in turn; and the same rows written 1, 2 and 0 times without weights. */
    private static void checkWeightTwoEqualsADuplicate(ClassWeights classWeights, OutputLoss output) {
        List<String> rows = rows(60, 5);
        List<String> weighted = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int times = i % 3 == 1 ? 2 : i % 7 == 0 ? 0 : 1;
            weighted.add(rows.get(i) + "," + (times == 2 ? "2.0" : Integer.toString(times)));
            for (int k = 0; k < times; k++) {
                duplicated.add(rows.get(i));
            }
        }
        double[] fromWeights = train(parse(weighted, true), classWeights, output);
        double[] fromDuplicates = train(parse(duplicated, false), classWeights, output);
        double[] unweighted = train(parse(rows, false), classWeights, output);
        assertRelativelyEqual(fromDuplicates, fromWeights);
        assertTrue(!java.util.Arrays.equals(unweighted, fromWeights), "the weights changed nothing");
    }

    @Test
    void aWeightOfTwoTrainsAsTheRowWrittenTwiceForSoftmax() {
        checkWeightTwoEqualsADuplicate(null, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void aWeightOfTwoTrainsAsTheRowWrittenTwiceForRegression() {
        checkWeightTwoEqualsADuplicate(null, OutputLoss.IDENTITY_SQUARED_ERROR);
    }

    @Test
    void withClassWeightsTheExampleWeighsTheProduct() {
        checkWeightTwoEqualsADuplicate(ClassWeights.explicit(new double[] {1, 3, 0.5}),
                OutputLoss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void aWeightColumnOfOnesTrainsBitIdenticallyToNone() {
        List<String> rows = rows(30, 8);
        List<String> ones = new ArrayList<>();
        rows.forEach(r -> ones.add(r + ",1"));
        List<LabeledPoint> weightedPoints = parse(ones, true);
        assertNull(new BlockBuilder(3, new TargetEncoding.OneHot(3), Precision.DOUBLE, 1000)
                .stack(weightedPoints, "rows.csv").weights(), "weights of 1 make an unweighted block");
        assertArrayEquals(train(parse(rows, false), null, OutputLoss.SOFTMAX_CROSS_ENTROPY),
                train(weightedPoints, null, OutputLoss.SOFTMAX_CROSS_ENTROPY), 0);
    }
}
