/**
 * The distributed trainer on Spark: loading examples into cached blocks on the executors, one epoch as
 * broadcast - per-partition forward and backward - tree aggregation merged in partition order - update on the
 * driver, and the Kryo registrator for every class the trainer ships between JVMs. Only this package and
 * {@link dev.backprop.cli} import Spark, Hadoop or Scala classes.
 */
package dev.backprop.spark;
