/**
 * The benchmark of {@code jobs/bench.sh}: this trainer against Spark MLlib's MultilayerPerceptronClassifier in one
 * run, on the same data, partitions, master and driver, with the machine's own GEMM rate measured first. Built only
 * with the Maven profile {@code bench} (MLlib and Spark SQL are benchmark-only dependencies); not a test.
 */
package dev.backprop.bench;
