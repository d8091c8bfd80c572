# shellcheck shell=bash
# Shared by the Spark job scripts (train.sh, evaluate.sh, predict.sh); source it after common.sh. It defines
#   backprop_submit MAIN_CLASS [--master URL] [--driver-memory SIZE] [APP ARGS...]
# which runs MAIN_CLASS through spark-submit: $SPARK_HOME/bin/spark-submit when that file exists, otherwise Spark's
# own SparkSubmit class from the jars the Maven build resolved (no Spark download or install needed).
# Defaults: --master local[*,4] (all cores, failed tasks retried up to 4 times); driver memory from
# spark.driver.memory in conf/spark-defaults.conf. Spark settings come from conf/spark-defaults.conf, logging from
# conf/log4j2.properties.

BACKPROP_DEFAULT_MASTER='local[*,4]'

# The value of KEY in conf/spark-defaults.conf, or DEFAULT.
backprop_spark_default() {
  local key="$1" default="$2" value
  value="$(awk -v k="$key" '$1 == k { $1 = ""; sub(/^[ \t]+/, ""); v = $0 } END { print v }' \
    "$BACKPROP_ROOT/conf/spark-defaults.conf" 2>/dev/null)"
  printf '%s' "${value:-$default}"
}

backprop_submit() {
  local main="$1"
  shift
  local master="$BACKPROP_DEFAULT_MASTER"
  local driver_memory
  driver_memory="$(backprop_spark_default spark.driver.memory 4g)"
  local app_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --master) [[ $# -ge 2 ]] || { backprop_log "error: --master needs a URL"; exit 2; }; master="$2"; shift 2 ;;
      --master=*) master="${1#--master=}"; shift ;;
      --driver-memory) [[ $# -ge 2 ]] || { backprop_log "error: --driver-memory needs a size"; exit 2; }
        driver_memory="$2"; shift 2 ;;
      --driver-memory=*) driver_memory="${1#--driver-memory=}"; shift ;;
      *) app_args+=("$1"); shift ;;
    esac
  done
  # Local mode talks only to itself: bind to loopback (and skip Spark's warning about the host name resolving to
  # it) unless the caller chose an address.
  if [[ "$master" == local* && -z "${SPARK_LOCAL_IP:-}" ]]; then
    export SPARK_LOCAL_IP=127.0.0.1
  fi
  local driver_options="-Dbackprop.home=$BACKPROP_ROOT -Dlog4j2.configurationFile=file:$BACKPROP_ROOT/conf/log4j2.properties"
  local submit_args=(--master "$master" --properties-file "$BACKPROP_ROOT/conf/spark-defaults.conf"
    --class "$main")
  if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
    exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" --driver-memory "$driver_memory" \
      --driver-java-options "$driver_options --add-modules=jdk.incubator.vector" \
      "$BACKPROP_JAR" "${app_args[@]}"
  fi
  # SparkSubmit in this JVM runs the driver in it too (client mode): the JVM gets the driver's memory and options.
  local java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  local extra=()
  read -r -a extra <<< "${BACKPROP_JAVA_OPTS:-}"
  local driver_opts_array=()
  read -r -a driver_opts_array <<< "$driver_options"
  exec "$java" "${BACKPROP_JVM_FLAGS[@]}" "-Xmx$driver_memory" "${driver_opts_array[@]}" "${extra[@]}" \
    -cp "$BACKPROP_JAR:$(cat "$BACKPROP_CLASSPATH_FILE")" org.apache.spark.deploy.SparkSubmit \
    "${submit_args[@]}" "$BACKPROP_JAR" "${app_args[@]}"
}
