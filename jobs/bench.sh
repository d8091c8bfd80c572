#!/usr/bin/env bash
# Benchmarks this trainer against Spark MLlib's MultilayerPerceptronClassifier in one run (see BENCHMARKS.md):
# the machine's GEMM rate first, then for each row both trainers on the same data, partitions, master and driver:
# load-and-cache seconds, median seconds per pass after warm-up passes, GFLOP/s, cached bytes, and the ratios.
# The last line is JSON. Not a test: it takes several minutes and wants an otherwise idle machine.
#
# Usage: jobs/bench.sh [--master URL] [--driver-memory SIZE] [--blas vector] [key=value ...]
#   --master URL        default local[*,4] (all cores)
#   --driver-memory     default spark.driver.memory of conf/spark-defaults.conf
#   --blas vector       no native BLAS in this run (-Ddev.ludovic.netlib.blas.allowNative=false): both trainers
#                       use netlib's Java vector-API BLAS (local mode)
#   examples=60000 features=784 classes=10   the synthetic set (written once under work=target/bench)
#   warmup=10 passes=20 passes run first and not measured (JIT compilation), then the measured ones (median)
#   precision=float     float or double (ours; MLlib always computes in double)
#   rows=all            like-for-like, default-relu, wide, mnist-like-for-like (comma-separated)
#   block=N             our block size (default: train.block_size of conf/train.properties); MLlib's is 128
#   mllib=true          false runs our trainer alone
#   hidden=512 [activation=relu] [data=synthetic|mnist]   one row of your own instead of the standard rows
# MLlib and Spark SQL come from the Maven profile `bench` (test scope): never on the application's class path.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/submit.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit.sh"

master="$BACKPROP_DEFAULT_MASTER"
driver_memory="$(backprop_spark_default spark.driver.memory 4g)"
blas=""
app_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master|--driver-memory|--blas)
      [[ $# -ge 2 ]] || { backprop_log "error: $1 needs a value"; exit 2; }
      case "$1" in
        --master) master="$2" ;;
        --driver-memory) driver_memory="$2" ;;
        --blas) blas="$2" ;;
      esac
      shift 2 ;;
    --master=*) master="${1#--master=}"; shift ;;
    --driver-memory=*) driver_memory="${1#--driver-memory=}"; shift ;;
    --blas=*) blas="${1#--blas=}"; shift ;;
    *) app_args+=("$1"); shift ;;
  esac
done

blas_flags=()
case "$blas" in
  "") ;;
  # netlib's own switch: no native BLAS, so both trainers use its Java vector-API BLAS (local mode: one JVM).
  vector) blas_flags=(-Ddev.ludovic.netlib.blas.allowNative=false) ;;
  *) backprop_log "error: --blas takes vector, got $blas"; exit 2 ;;
esac

if [[ "$master" == local* && -z "${SPARK_LOCAL_IP:-}" ]]; then
  export SPARK_LOCAL_IP=127.0.0.1
fi

cd "$BACKPROP_ROOT"
backprop_log "building with the bench profile: mvn -q -B -Pbench -DskipTests package"
"${BACKPROP_MVN:-mvn}" -q -B -Pbench -DskipTests package >&2
bench_jar="$BACKPROP_ROOT/target/backprop-spark-bench.jar"
java="java"
[[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
[[ -f "$BACKPROP_ROOT/target/bench-classpath.txt" && -f "$bench_jar" ]] || {
  backprop_log "error: the bench build did not write target/bench-classpath.txt and $bench_jar"; exit 1; }
extra=()
read -r -a extra <<< "${BACKPROP_JAVA_OPTS:-}"
exec "$java" "${BACKPROP_JVM_FLAGS[@]}" "${blas_flags[@]}" "${extra[@]}" "-Xmx$driver_memory" \
  "-Dbackprop.home=$BACKPROP_ROOT" "-Dlog4j2.configurationFile=file:$BACKPROP_ROOT/conf/log4j2.properties" \
  -cp "$BACKPROP_JAR:$bench_jar:$(cat "$BACKPROP_ROOT/target/bench-classpath.txt")" \
  org.apache.spark.deploy.SparkSubmit --master "$master" --properties-file "$BACKPROP_ROOT/conf/spark-defaults.conf" \
  --conf spark.kryo.registrationRequired=false --class dev.backprop.bench.BenchJob "$bench_jar" "${app_args[@]}"
