package dev.backprop.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark MLlib's MultilayerPerceptronClassifier as its users run it: the {@code libsvm} DataFrame reader, then
 * {@code fit} with solver {@code gd} and blockSize 128 (sigmoid hidden layers and softmax output are fixed by MLlib).
 * Inside {@code fit}, MLlib's GradientDescent first counts the stacked examples, which stacks them into blocks and
 * caches them, then runs one {@code treeAggregate} job per iteration. So, from the end times of those jobs: loading
 * and caching is the time from the reader's start to the end of the count; a pass is the time between the ends of two
 * consecutive iterations (job, broadcast and driver update), the median over the iterations after the warm-up ones. The cached size is the largest total Spark held for persisted RDDs while {@code fit} ran.
 */
final class MllibRunner {

    /** What one MLlib run measured. */
    record Result(double loadSeconds, double passSeconds, long cachedBytes, int partitions, long examples,
                  List<Double> passes) {
    }

    private MllibRunner() {
    }

    static Result run(JavaSparkContext spark, String path, int[] sizes, int warmup, int passes, long seed)
            throws Exception {
        SparkSession session = SparkSession.builder().getOrCreate();
        IterationEnds ends = new IterationEnds();
        spark.sc().addSparkListener(ends);
        StoragePeak storage = new StoragePeak(spark);
        try {
            long start = System.currentTimeMillis();
            // The width is given, as to our trainer (data.features): neither scans the file for it.
            Dataset<Row> data = session.read().format("libsvm").option("numFeatures", sizes[0]).load(path);
            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                    .setLayers(sizes)
                    .setSolver("gd")
                    .setBlockSize(128)
                    .setMaxIter(warmup + passes)
                    .setTol(0.0)
                    .setStepSize(0.03)
                    .setSeed(seed);
            storage.start();
            mlp.fit(data);
            storage.stop();
            waitForEvents();
            List<Long> cached = ends.ends("count");
            List<Long> iterations = ends.ends("treeAggregate");
            if (cached.size() != 1 || iterations.size() < warmup + passes) {
                throw new IllegalStateException("expected MLlib's GradientDescent to count (stack and cache) once and "
                        + "aggregate at least " + (warmup + passes) + " times; jobs seen: " + ends.names);
            }
            // The first iterations after caching are the warm-up; each later one is a pass.
            List<Double> passSeconds = new ArrayList<>();
            for (int i = warmup; i < iterations.size(); i++) {
                passSeconds.add((iterations.get(i) - iterations.get(i - 1)) / 1000.0);
            }
            double pass = median(passSeconds);
            double load = (cached.get(0) - start) / 1000.0;
            long examples = data.count();
            int partitions = data.rdd().getNumPartitions();
            return new Result(load, pass, storage.peak(), partitions, examples, passSeconds);
        } finally {
            storage.stop();
            spark.sc().removeSparkListener(ends);
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The listener bus is asynchronous: give it a moment to deliver the last job's end. */
    private static void waitForEvents() throws InterruptedException {
        Thread.sleep(500);
    }

    /** End times (ms) of the jobs whose stages were created by MLlib's GradientDescent, by the stage's operation. */
    private static final class IterationEnds extends SparkListener {
        private final Map<Integer, String> gradientJobs = new ConcurrentHashMap<>();
        private final List<Map.Entry<String, Long>> ends = Collections.synchronizedList(new ArrayList<>());
        final List<String> names = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageInfos())) {
                names.add(stage.name());
                if (stage.name().contains("GradientDescent")) {
                    gradientJobs.put(jobStart.jobId(), stage.name().split(" ")[0]);
                    return;
                }
            }
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd jobEnd) {
            String operation = gradientJobs.get(jobEnd.jobId());
            if (operation != null) {
                ends.add(Map.entry(operation, jobEnd.time()));
            }
        }

        /** The end times of the jobs of {@code operation}, in order. */
        List<Long> ends(String operation) {
            synchronized (ends) {
                return ends.stream().filter(e -> e.getKey().equals(operation)).map(Map.Entry::getValue).sorted()
                        .toList();
            }
        }
    }

    /** Polls Spark's storage status and keeps the largest total of persisted RDDs (memory plus disk). */
    static final class StoragePeak {
        private final JavaSparkContext spark;
        private volatile boolean running;
        private volatile long peak;
        private Thread thread;

        StoragePeak(JavaSparkContext spark) {
            this.spark = spark;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "storage-peak");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            long total = 0;
            for (RDDInfo info : spark.sc().getRDDStorageInfo()) {
                total += info.memSize() + info.diskSize();
            }
            peak = Math.max(peak, total);
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
                thread = null;
            }
        }

        long peak() {
            return peak;
        }
    }
}
