package dev.backprop.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one Spark context of a test class: {@code local[2]}, loopback only, no UI, Kryo with registration required
 * (the shipped configuration's setting), so that a class the registrator forgot fails the test.
 */
public final class SparkTestContext {

    private SparkTestContext() {
    }

    public static JavaSparkContext start(String appName) {
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", KryoRegistrator.class.getName())
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.default.parallelism", "2");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("ERROR");
        return sc;
    }
}
