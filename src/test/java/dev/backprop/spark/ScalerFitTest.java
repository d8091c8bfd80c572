package dev.backprop.spark;

import dev.backprop.data.ColumnStatistics;
import dev.backprop.data.ExampleStatistics;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.ScalingTestData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

import static dev.backprop.data.ScalingTestData.COLUMNS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scaling statistics fitted on Spark in one pass equal a two-pass computation, for 1 to 8 partitions. */
class ScalerFitTest {

    private static final double RELATIVE = 1e-12;
    private static final List<LabeledPoint> POINTS = ScalingTestData.mixedScales(2000, 42);
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("ScalerFitTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@link #POINTS} in {@code partitions} partitions, every third one (1, 4, 7) emptied. */
    private static JavaRDD<LabeledPoint> withEmptyPartitions(int partitions) {
        return spark.parallelize(POINTS, partitions).mapPartitionsWithIndex(
                (index, it) -> index % 3 == 1 ? Collections.<LabeledPoint>emptyIterator() : it, true);
    }

    private static byte[] bytes(ExampleStatistics s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void onePassOnSparkEqualsTwoPassForOneToEightPartitions() {
        for (int partitions = 1; partitions <= 8; partitions++) {
            JavaRDD<LabeledPoint> points = withEmptyPartitions(partitions);
            List<LabeledPoint> kept = points.collect();
            if (partitions > 1) {
                assertTrue(kept.size() < POINTS.size(), "partition 1 is empty");
            }
            ExampleStatistics fitted = ScalerFit.statistics(points, COLUMNS);
            assertEquals(kept.size(), fitted.rows());
            ScalingTestData.assertMatches(ScalingTestData.twoPassFeatures(kept, COLUMNS), fitted.features(),
                    RELATIVE);
            ScalingTestData.assertMatches(ScalingTestData.twoPassLabels(kept), fitted.targets(), 0, RELATIVE);
            assertEquals(7.25, fitted.features().mean(3), partitions + " partitions");
            assertEquals(0, fitted.features().variance(3), partitions + " partitions");
        }
    }

    @Test
    void theResultIsTheMergeInPartitionIndexOrderToTheBit() throws IOException {
        for (int partitions : new int[] {3, 8}) {
            JavaRDD<LabeledPoint> points = withEmptyPartitions(partitions);
            ExampleStatistics expected = new ExampleStatistics(COLUMNS);
            for (int index = 0; index < partitions; index++) {
                List<LabeledPoint> partition = points.collectPartitions(new int[] {index})[0];
                expected.merge(ExampleStatistics.of(partition, COLUMNS));
            }
            byte[] fitted = bytes(ScalerFit.statistics(points, COLUMNS));
            assertArrayEquals(bytes(expected), fitted);
            assertArrayEquals(fitted, bytes(ScalerFit.statistics(points, COLUMNS)));
        }
    }

    @Test
    void moreFeaturesThanDeclaredWidenTheStatistics() {
        ExampleStatistics fitted = ScalerFit.statistics(spark.parallelize(POINTS, 2), 3);
        assertEquals(COLUMNS, fitted.features().columns());
        ExampleStatistics wider = ScalerFit.statistics(spark.parallelize(POINTS, 2), COLUMNS + 4);
        assertEquals(COLUMNS + 4, wider.features().columns());
        assertEquals(0, wider.features().mean(COLUMNS + 3));
    }

    @Test
    void noExamplesGiveEmptyStatisticsAndAnIdentityScaler() {
        ExampleStatistics fitted = ScalerFit.statistics(spark.parallelize(List.<LabeledPoint>of(), 3), 5);
        assertEquals(0, fitted.rows());
        assertTrue(FeatureScaler.fit(fitted.features(), ScalingMethod.STANDARD, true).isIdentity());
    }

    @Test
    void scalingOnSparkEqualsScalingLocally() {
        ExampleStatistics fitted = ScalerFit.statistics(spark.parallelize(POINTS, 4), COLUMNS);
        FeatureScaler features = FeatureScaler.fit(fitted.features(), ScalingMethod.STANDARD, true);
        FeatureScaler labels = FeatureScaler.fit(fitted.targets(), ScalingMethod.STANDARD, true);
        List<LabeledPoint> scaled = ScalerFit.scale(spark.parallelize(POINTS, 4), features, labels).collect();
        assertEquals(POINTS.size(), scaled.size());
        for (int i = 0; i < POINTS.size(); i++) {
            assertEquals(labels.applyToLabels(features.apply(POINTS.get(i))), scaled.get(i));
        }
        // the scaled training data has mean 0 and standard deviation 1 in every non-constant column
        ExampleStatistics again = ScalerFit.statistics(spark.parallelize(scaled, 3), COLUMNS);
        for (int j = 0; j < COLUMNS; j++) {
            assertEquals(0, again.features().mean(j), 1e-12, "column " + j);
            boolean constant = fitted.features().isConstant(j);
            assertEquals(constant ? 0 : 1, again.features().std(j), 1e-12, "column " + j);
        }
        assertEquals(0, again.targets().mean(0), 1e-12);
        assertEquals(1, again.targets().std(0), 1e-12);
        JavaRDD<LabeledPoint> unscaled = spark.parallelize(POINTS, 2);
        FeatureScaler none = FeatureScaler.identity(COLUMNS);
        assertSame(unscaled, ScalerFit.scale(unscaled, none, FeatureScaler.identity(1)));
        FeatureScaler twoTargets = FeatureScaler.of(new double[] {0, 0}, new double[] {2, 2});
        Exception refused = assertThrows(Exception.class,
                () -> ScalerFit.scale(unscaled, none, twoTargets).collect());
        assertTrue(refused.getMessage().contains("a target scaler of 2 columns cannot scale the 1 labels"),
                refused.getMessage());
    }

    @Test
    void kryoWithRegistrationRequiredKeepsEveryBit() throws IOException {
        SerializerInstance kryo = new KryoSerializer(spark.getConf()).newInstance();
        ExampleStatistics s = ExampleStatistics.of(POINTS.subList(0, 100), COLUMNS + 2);
        ClassTag<ExampleStatistics> exampleTag = ClassTag$.MODULE$.apply(ExampleStatistics.class);
        ExampleStatistics back = kryo.deserialize(kryo.serialize(s, exampleTag), exampleTag);
        assertArrayEquals(bytes(s), bytes(back));

        ClassTag<ColumnStatistics> columnTag = ClassTag$.MODULE$.apply(ColumnStatistics.class);
        ColumnStatistics columns = s.features();
        ColumnStatistics columnsBack = kryo.deserialize(kryo.serialize(columns, columnTag), columnTag);
        assertEquals(columns.rows(), columnsBack.rows());
        for (int j = 0; j < columns.columns(); j++) {
            assertEquals(columns.mean(j), columnsBack.mean(j));
            assertEquals(columns.m2(j), columnsBack.m2(j));
            assertEquals(columns.min(j), columnsBack.min(j));
        }
    }
}
