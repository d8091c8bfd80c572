package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.data.BlockBuilder;
import dev.backprop.data.CsvRecord;
import dev.backprop.data.ExampleStatistics;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
import dev.backprop.data.TargetEncoding;
import dev.backprop.metrics.TargetUnscaler;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.train.GradientSum;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.backprop.spark.DistributedTrainerTest.assertRelativelyEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A regression with two targets on Spark: points with two labels travel through Kryo and are stacked into blocks of
 * two target rows; the distributed loss (squared error summed over both outputs) and gradient equal the
 * single-machine ones; the target statistics and scaling work per target; evaluation and prediction bring each
 * output back to its own original scale.
 */
class SeveralTargetsOnSparkTest {

    private static final int FEATURES = 3;
    private static final MlpSpec SPEC = MlpSpec.of(FEATURES, new int[] {4}, 2, Activation.TANH,
            OutputLoss.IDENTITY_SQUARED_ERROR);
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("SeveralTargetsOnSparkTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@code n} points of 3 features with targets y1 = x0 - 2 x1 and y2 = 500 + 100 x2^2, in very different units. */
    private static List<LabeledPoint> points(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] y = {x[0] - 2 * x[1], 500 + 100 * x[2] * x[2]};
            points.add(new LabeledPoint(y, new int[] {0, 1, 2}, x, 1 + (i % 3) * 0.5));
        }
        return points;
    }

    private static FlatParameters initial() {
        return FlatParameters.initialize(new ParameterLayout(SPEC), Precision.DOUBLE, 17);
    }

    @Test
    void pointsAndRecordsWithTwoLabelsSurviveKryo() {
        List<LabeledPoint> points = points(20, 1);
        assertEquals(points, spark.parallelize(points, 3).collect());
        List<CsvRecord> records = List.of(
                new CsvRecord(new String[] {"1.5", "-3"}, new double[] {2, Double.NaN}, new String[] {"red", null}, 2),
                new CsvRecord("7", new double[] {1}, new String[0]));
        assertEquals(records, spark.parallelize(records, 2).collect());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 3, 8})
    void theDistributedGradientOfTwoOutputsEqualsTheSingleMachineGradient(int partitions) {
        List<LabeledPoint> points = points(41, 2);
        JavaRDD<Block> rdd = ExampleLoader.toBlocks(spark.parallelize(points, partitions), FEATURES,
                new TargetEncoding.Value(2), Precision.DOUBLE, 5);
        FlatParameters weights = initial();

        List<Block> local = new BlockBuilder(FEATURES, new TargetEncoding.Value(2), Precision.DOUBLE, 7)
                .stackAll(points, "local");
        GradientSum sum = new GradientSum(weights.layout(), Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(weights, sum.gradient());
        local.forEach(b -> sum.add(graph, b));

        PassResult distributed = new DistributedTrainer(spark, SPEC, new DistributedOptions(1, 0.1, 0, false, 2))
                .pass(rdd, weights, true, 1);
        assertEquals(41, distributed.count());
        assertEquals(sum.weight(), distributed.weight(), 1e-12);
        assertEquals(sum.loss(), distributed.lossSum(), 1e-9 * sum.loss());
        assertRelativelyEqual(sum.gradient().flat(), distributed.gradientSum(), 1e-9);

        // The loss is the weighted squared error summed over both outputs: 1/2 sum_j w_j sum_o (y_oj - t_oj)^2.
        double expected = 0;
        MlpGraph plain = new MlpGraph(weights);
        for (Block b : local) {
            Matrix y = plain.predict(b.features());
            for (int j = 0; j < b.size(); j++) {
                double example = 0;
                for (int o = 0; o < 2; o++) {
                    double d = y.get(o, j) - b.targets().get(o, j);
                    example += 0.5 * d * d;
                }
                expected += b.weights().get(j) * example;
            }
        }
        assertEquals(expected, distributed.lossSum(), 1e-9 * expected);
    }

    @Test
    void statisticsAndScalingArePerTarget() {
        List<LabeledPoint> points = points(60, 3);
        JavaRDD<LabeledPoint> rdd = spark.parallelize(points, 3);
        ExampleStatistics onSpark = ScalerFit.statistics(rdd, FEATURES, 2);
        ExampleStatistics here = ExampleStatistics.of(points, FEATURES, 2);
        for (int o = 0; o < 2; o++) {
            assertEquals(here.targets().mean(o), onSpark.targets().mean(o), 1e-12 * Math.abs(here.targets().mean(o)));
            assertEquals(here.targets().std(o), onSpark.targets().std(o), 1e-12 * here.targets().std(o));
        }
        assertTrue(onSpark.targets().mean(1) > 500, "the second target's own mean: " + onSpark.targets().mean(1));

        FeatureScaler target = FeatureScaler.fit(onSpark.targets(), dev.backprop.data.ScalingMethod.STANDARD, true);
        List<LabeledPoint> scaled = ScalerFit.scale(rdd, FeatureScaler.identity(FEATURES), target).collect();
        ExampleStatistics standardized = ExampleStatistics.of(scaled, FEATURES, 2);
        for (int o = 0; o < 2; o++) {
            assertEquals(0, standardized.targets().mean(o), 1e-12);
            assertEquals(1, standardized.targets().std(o), 1e-12);
        }
        assertArrayEquals(points.get(0).values(), scaled.get(0).values(), "features untouched");
    }

    /** A preprocessing of targets y1, y2 standardized with {@code target}. */
    private static Preprocessing preprocessing(FeatureScaler target) {
        TableSchema.State table = new TableSchema.State(List.of("y1", "y2"), List.of(), List.of("a", "b", "c"),
                List.of(false, false, false), List.of(List.of(), List.of(), List.of()), List.of(0.0, 0.0, 0.0));
        return new Preprocessing(List.of(), table, null, target);
    }

    @Test
    void evaluationGivesEachTargetsMetricsOnItsOriginalScale() {
        FeatureScaler target = FeatureScaler.of(new double[] {0.5, 600}, new double[] {2, 150});
        List<LabeledPoint> points = points(50, 4);
        List<LabeledPoint> standardized = new ArrayList<>();
        points.forEach(p -> standardized.add(target.applyToLabels(p)));
        List<Block> blocks = new BlockBuilder(FEATURES, new TargetEncoding.Value(2), Precision.DOUBLE, 8)
                .stackAll(standardized, "s");
        FlatParameters weights = initial();
        TargetUnscaler unscaler = Evaluator.unscaler(preprocessing(target));
        EvaluationSums sums = Evaluator.evaluate(spark, weights, spark.parallelize(blocks, 3), unscaler);

        Matrix y = new MlpGraph(weights).predict(new BlockBuilder(FEATURES, new TargetEncoding.Value(2),
                Precision.DOUBLE, 100).stack(standardized, "s").features());
        double[] rmse = new double[2];
        double[] mae = new double[2];
        for (int o = 0; o < 2; o++) {
            double sse = 0;
            double sae = 0;
            for (int j = 0; j < points.size(); j++) {
                double e = target.unscale(o, y.get(o, j)) - points.get(j).labels()[o];
                sse += e * e;
                sae += Math.abs(e);
            }
            rmse[o] = Math.sqrt(sse / points.size());
            mae[o] = sae / points.size();
        }
        Map<String, double[]> byOutput = sums.metricsByOutput();
        assertEquals(List.of("rmse", "mae", "r2"), new ArrayList<>(byOutput.keySet()));
        assertArrayEquals(rmse, byOutput.get("rmse"), 1e-9 * rmse[1]);
        assertArrayEquals(mae, byOutput.get("mae"), 1e-9 * mae[1]);
        assertTrue(rmse[1] > 50 * rmse[0], "each target in its own units: " + rmse[0] + ", " + rmse[1]);
        assertEquals((rmse[0] + rmse[1]) / 2, sums.metrics().get("rmse"), 1e-9 * rmse[1]);
        double[] r2 = byOutput.get("r2");
        assertEquals((r2[0] + r2[1]) / 2, sums.metrics().get("r2"), 1e-12);
    }

    @Test
    void aSingleOutputHasNoMetricsByOutput() {
        MlpSpec one = MlpSpec.of(FEATURES, new int[0], 1, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR);
        Matrix x = Matrix.zeros(Precision.DOUBLE, FEATURES, 4);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 1, 4);
        t.set(0, 1, 1);
        EvaluationSums sums = Evaluator.evaluate(spark, FlatParameters.initialize(new ParameterLayout(one),
                Precision.DOUBLE, 1), spark.parallelize(List.of(new Block(x, t)), 2), TargetUnscaler.IDENTITY);
        assertTrue(sums.metricsByOutput().isEmpty());
        assertEquals(List.of("rmse", "mae", "r2"), new ArrayList<>(sums.metrics().keySet()));
    }

    @Test
    void aPredictionRowHoldsEachTargetOnItsOriginalScale() {
        FeatureScaler target = FeatureScaler.of(new double[] {0.5, 600}, new double[] {2, 150});
        Matrix outputs = Matrix.zeros(Precision.DOUBLE, 2, 2);
        outputs.set(0, 1, 1);
        outputs.set(1, 1, -2);
        Preprocessing p = preprocessing(target);
        assertEquals("0.5,600.0", Predictor.row(SPEC, p, outputs, 0, Precision.DOUBLE));
        assertEquals("2.5,300.0", Predictor.row(SPEC, p, outputs, 1, Precision.DOUBLE));
    }
}
