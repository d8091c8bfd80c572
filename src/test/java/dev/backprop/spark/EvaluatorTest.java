package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.Block;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionSums;
import dev.backprop.metrics.TargetUnscaler;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluation on Spark against the same metrics computed here from the network's outputs: the confusion matrix,
 * log-loss and AUC of binary classifiers (sigmoid and 2-class softmax), R^2 on the original scale for regressors;
 * the merged result does not depend on the order partitions arrive in, and survives Kryo.
 */
class EvaluatorTest {

    private static final int INPUTS = 4;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("EvaluatorTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static FlatParameters parameters(MlpSpec spec, long seed) {
        return FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, seed);
    }

    /**
     * Blocks of random examples; class labels (binary when {@code classes} is 2) or, for {@code classes == 0},
     * regression targets {@code offset + x0 - x1} per output.
     */
    private static List<Block> blocks(MlpSpec spec, int blocks, int perBlock, long seed, double offset) {
        Random random = new Random(seed);
        List<Block> list = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int n = perBlock + random.nextInt(5);
            Matrix x = Matrix.zeros(Precision.DOUBLE, INPUTS, n);
            Matrix t = Matrix.zeros(Precision.DOUBLE, spec.outputs(), n);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < INPUTS; i++) {
                    x.set(i, j, random.nextGaussian());
                }
                double signal = x.get(0, j) - x.get(1, j) + 0.8 * random.nextGaussian();
                if (spec.output() == OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY) {
                    t.set(0, j, signal > 0 ? 1 : 0);
                } else if (spec.output() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                    int k = spec.outputs() == 2 ? (signal > 0 ? 1 : 0) : random.nextInt(spec.outputs());
                    t.set(k, j, 1);
                } else {
                    for (int o = 0; o < spec.outputs(); o++) {
                        t.set(o, j, offset + (o + 1) * signal);
                    }
                }
            }
            list.add(new Block(x, t));
        }
        return list;
    }

    private static EvaluationSums onSpark(FlatParameters parameters, List<Block> blocks, TargetUnscaler unscaler) {
        return Evaluator.evaluate(spark, parameters, spark.parallelize(blocks, 4), unscaler);
    }

    /** The exact Mann-Whitney AUC, ties one half. */
    private static double exactAuc(List<Double> scores, List<Boolean> positive) {
        double right = 0;
        long pairs = 0;
        for (int i = 0; i < scores.size(); i++) {
            for (int j = 0; j < scores.size(); j++) {
                if (positive.get(i) && !positive.get(j)) {
                    pairs++;
                    double d = scores.get(i) - scores.get(j);
                    right += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                }
            }
        }
        return right / pairs;
    }

    private static void checkBinaryClassifier(MlpSpec spec) {
        // A linear model that leans the right way: the positive class's logit grows with x0 - x1, as the labels.
        FlatParameters parameters = parameters(spec, 5);
        Matrix w = parameters.weights(0);
        w.set(w.rows() - 1, 0, w.get(w.rows() - 1, 0) + 1.5);
        w.set(w.rows() - 1, 1, w.get(w.rows() - 1, 1) - 1.5);
        List<Block> blocks = blocks(spec, 24, 60, 6, 0);
        EvaluationSums sums = onSpark(parameters, blocks, TargetUnscaler.IDENTITY);

        MlpGraph graph = new MlpGraph(parameters);
        long[][] confusion = new long[2][2];
        double logLoss = 0;
        long n = 0;
        List<Double> scores = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        for (Block block : blocks) {
            Matrix p = graph.predict(block.features());
            for (int j = 0; j < block.size(); j++) {
                int actual = OutputLoss.targetClass(block.targets(), j);
                double score = p.get(p.rows() - 1, j);
                confusion[actual][score >= 0.5 ? 1 : 0]++;
                logLoss -= Math.log(actual == 1 ? score : 1 - score);
                scores.add(score);
                positive.add(actual == 1);
                n++;
            }
        }
        ClassificationMetrics expected = ClassificationMetrics.of(confusion);
        assertTrue(sums.isBinary());
        assertEquals(n, sums.count());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(confusion[a][b], sums.confusion(a, b), "confusion " + a + ", " + b);
            }
        }
        assertEquals(logLoss / n, sums.meanLoss(), 1e-9);
        double exact = exactAuc(scores, positive);
        assertTrue(exact > 0.7 && exact < 0.99, "a non-trivial AUC: " + exact);
        assertEquals(exact, sums.auc(), 1e-4);
        assertTrue(Math.abs(exact - sums.auc()) <= sums.scores().aucTieBound() + 1e-15);

        Map<String, Double> metrics = sums.metrics();
        assertEquals(List.of("accuracy", "log_loss", "macro_precision", "macro_recall", "macro_f1",
                "weighted_precision", "weighted_recall", "weighted_f1", "auc"), new ArrayList<>(metrics.keySet()));
        assertEquals(expected.accuracy(), metrics.get("accuracy"), 0);
        assertEquals(expected.macroPrecision(), metrics.get("macro_precision"), 0);
        assertEquals(expected.macroRecall(), metrics.get("macro_recall"), 0);
        assertEquals(expected.macroF1(), metrics.get("macro_f1"), 0);
        assertEquals(expected.weightedF1(), metrics.get("weighted_f1"), 0);
        assertEquals(sums.auc(), metrics.get("auc"), 0);
    }

    @Test
    void aSigmoidClassifierGetsItsConfusionLogLossAndAuc() {
        checkBinaryClassifier(MlpSpec.of(INPUTS, new int[0], 1, Activation.TANH,
                OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY));
    }

    @Test
    void aSoftmaxOverTwoClassesIsBinaryToo() {
        checkBinaryClassifier(MlpSpec.of(INPUTS, new int[0], 2, Activation.TANH,
                OutputLoss.SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void aThreeClassSoftmaxHasNoAuc() {
        MlpSpec spec = MlpSpec.of(INPUTS, new int[]{3}, 3, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        EvaluationSums sums = onSpark(parameters(spec, 7), blocks(spec, 6, 20, 8, 0), TargetUnscaler.IDENTITY);
        assertFalse(sums.isBinary());
        assertTrue(Double.isNaN(sums.auc()));
        assertFalse(sums.metrics().containsKey("auc"));
        assertEquals(3, sums.classes());
        assertEquals(sums.count(), sums.classification().total());
    }

    @Test
    void aRegressorIsJudgedOnTheOriginalScale() {
        MlpSpec spec = MlpSpec.of(INPUTS, new int[]{3}, 2, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR);
        FlatParameters parameters = parameters(spec, 9);
        // Targets standardized around 0; the original scale is 1e6 + 250 v (output 0) and -40 + 3 v (output 1).
        double[] mean = {1e6, -40};
        double[] std = {250, 3};
        TargetUnscaler unscaler = (o, v) -> v * std[o] + mean[o];
        List<Block> blocks = blocks(spec, 20, 50, 10, 0);
        EvaluationSums sums = onSpark(parameters, blocks, unscaler);

        MlpGraph graph = new MlpGraph(parameters);
        List<double[]> predicted = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (Block block : blocks) {
            Matrix p = graph.predict(block.features());
            for (int j = 0; j < block.size(); j++) {
                predicted.add(new double[]{unscaler.unscale(0, p.get(0, j)), unscaler.unscale(1, p.get(1, j))});
                targets.add(new double[]{unscaler.unscale(0, block.targets().get(0, j)),
                        unscaler.unscale(1, block.targets().get(1, j))});
            }
        }
        int n = predicted.size();
        RegressionSums r = sums.regression();
        assertEquals(n, sums.count());
        double r2Sum = 0;
        for (int o = 0; o < 2; o++) {
            double m = 0;
            for (double[] t : targets) {
                m += t[o];
            }
            m /= n;
            double sst = 0;
            double sse = 0;
            double sae = 0;
            for (int j = 0; j < n; j++) {
                double t = targets.get(j)[o];
                sst += (t - m) * (t - m);
                double e = predicted.get(j)[o] - t;
                sse += e * e;
                sae += Math.abs(e);
            }
            assertEquals(1 - sse / sst, r.r2(o), 1e-10, "output " + o);
            assertEquals(Math.sqrt(sse / n), r.rmse(o), 1e-10 * Math.sqrt(sse / n));
            assertEquals(sae / n, r.mae(o), 1e-10 * sae / n);
            assertTrue(r.rmse(o) > std[o] / 10, "in the units of the data: " + r.rmse(o));
            r2Sum += 1 - sse / sst;
        }
        Map<String, Double> metrics = sums.metrics();
        assertEquals(List.of("rmse", "mae", "r2"), new ArrayList<>(metrics.keySet()));
        assertEquals(r2Sum / 2, metrics.get("r2"), 1e-10);
        assertEquals((r.rmse(0) + r.rmse(1)) / 2, metrics.get("rmse"), 0);
    }

    private static EvaluationSums kryoRoundTrip(EvaluationSums sums) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new KryoRegistrator().registerClasses(kryo);
        Output output = new Output(1024, -1);
        kryo.writeClassAndObject(output, sums);
        try (Input input = new Input(output.toBytes())) {
            return (EvaluationSums) kryo.readClassAndObject(input);
        }
    }

    @Test
    void partitionsMergedInAnyOrderGiveTheSameBitsAndSurviveKryo() {
        for (MlpSpec spec : new MlpSpec[]{
                MlpSpec.of(INPUTS, new int[]{3}, 1, Activation.TANH, OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY),
                MlpSpec.of(INPUTS, new int[]{3}, 2, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR)}) {
            FlatParameters parameters = parameters(spec, 11);
            MlpGraph graph = new MlpGraph(parameters);
            List<Block> blocks = blocks(spec, 12, 30, 12, 1e5);
            List<EvaluationSums> parts = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                EvaluationSums part = EvaluationSums.forPartition(spec, p);
                part.add(graph, blocks.get(2 * p), TargetUnscaler.IDENTITY);
                part.add(graph, blocks.get(2 * p + 1), TargetUnscaler.IDENTITY);
                parts.add(part);
            }
            EvaluationSums inOrder = EvaluationSums.empty(spec);
            parts.forEach(inOrder::merge);
            Random random = new Random(13);
            for (int trial = 0; trial < 4; trial++) {
                List<EvaluationSums> shuffled = new ArrayList<>();
                for (EvaluationSums part : parts) {
                    shuffled.add(kryoRoundTrip(part));
                }
                Collections.shuffle(shuffled, random);
                EvaluationSums merged = shuffled.get(0);
                for (EvaluationSums part : shuffled.subList(1, shuffled.size())) {
                    merged.merge(part);
                }
                merged = kryoRoundTrip(merged);
                assertEquals(inOrder.count(), merged.count());
                assertEquals(inOrder.meanLoss(), merged.meanLoss(), 0, spec.output() + " trial " + trial);
                assertEquals(inOrder.metrics(), merged.metrics(), spec.output() + " trial " + trial);
                if (spec.output().isClassification()) {
                    assertEquals(inOrder.scores().positives(), merged.scores().positives());
                    assertEquals(inOrder.auc(), merged.auc(), 0);
                } else {
                    assertEquals(inOrder.regression().targetM2(1), merged.regression().targetM2(1), 0);
                }
            }
        }
    }

    @Test
    void noExamplesGiveACountOfZeroAndNoMetrics() {
        MlpSpec spec = MlpSpec.of(INPUTS, new int[]{3}, 1, Activation.TANH, OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
        EvaluationSums none = Evaluator.evaluate(spark, parameters(spec, 1), spark.<Block>parallelize(new ArrayList<>(), 3),
                TargetUnscaler.IDENTITY);
        assertEquals(0, none.count());
        assertTrue(none.metrics().isEmpty());
        EvaluationSums noPartitions = Evaluator.evaluate(spark, parameters(spec, 1), spark.emptyRDD(),
                TargetUnscaler.IDENTITY);
        assertEquals(0, noPartitions.count());
    }
}
