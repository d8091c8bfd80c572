package dev.backprop.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * Tree aggregation of per-partition sums with a fixed summation order. Like Spark's {@code treeAggregate} it
 * reduces {@code n} partial sums in {@code depth} levels with a fan-in of {@code ceil(n^(1/depth))} (at least 2),
 * the last level on the driver; unlike it, every level merges its inputs in index order rather than in the order
 * tasks finish, so that training is reproducible to the bit for a given seed and partitioning. Level {@code k}
 * groups the contiguous indices {@code i / fanIn}.
 */
final class TreeAggregation {

    private TreeAggregation() {
    }

    /** Sums {@code partials} (one per partition, each tagged with its partition index) in {@code depth} levels. */
    static PartialSum aggregate(JavaRDD<PartialSum> partials, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + depth);
        }
        int n = partials.getNumPartitions();
        int fanIn = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
        JavaRDD<PartialSum> level = partials;
        // Spark's rule: another executor-side level only while it shrinks the work of the last merge.
        for (int remaining = depth - 1; remaining > 0 && n > fanIn + Math.ceil((double) n / fanIn); remaining--) {
            n = (int) Math.ceil((double) n / fanIn);
            final int groupSize = fanIn;
            JavaPairRDD<Integer, PartialSum> keyed = level.mapToPair(p -> new Tuple2<>(p.index / groupSize, p));
            level = keyed.groupByKey(new HashPartitioner(n))
                    .map(group -> PartialSum.sumInIndexOrder(group._1(), toList(group._2())));
        }
        List<PartialSum> top = new ArrayList<>(level.collect());
        if (top.isEmpty()) {
            throw new IllegalStateException("the data has no partitions");
        }
        return PartialSum.sumInIndexOrder(0, top);
    }

    private static List<PartialSum> toList(Iterable<PartialSum> values) {
        List<PartialSum> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
