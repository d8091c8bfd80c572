# shellcheck shell=bash
# Shared by the job scripts under jobs/ (source it, do not run it). It defines:
#   BACKPROP_ROOT             the project root (the folder holding pom.xml), found from this file's location
#   BACKPROP_JAR              target/backprop-spark.jar, the project's classes
#   BACKPROP_CLASSPATH_FILE   target/classpath.txt, the Maven-resolved dependencies (Spark included), written at package
#   BACKPROP_JVM_FLAGS        the JVM flags of the pom property spark.jvm.flags (kept equal by JvmFlagsTest)
#   backprop_log MESSAGE...   writes to stderr, so that stdout holds only the job's own output and JSON line
#   backprop_ensure_built     builds the jar and class path file when missing or older than pom.xml or src/main
#   backprop_java MAIN ARGS   replaces the shell with `java FLAGS -cp JAR:CLASSPATH MAIN ARGS`
# Environment: JAVA_HOME (else java on PATH), BACKPROP_JAVA_OPTS (extra JVM options, split on spaces, e.g. -Xmx8g),
# BACKPROP_MVN (default mvn), BACKPROP_MVN_OPTS (extra Maven options, e.g. -o). OPENBLAS_NUM_THREADS is set to 1:
# parallelism comes from Spark's tasks, not from BLAS threads.

BACKPROP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
BACKPROP_JAR="$BACKPROP_ROOT/target/backprop-spark.jar"
BACKPROP_CLASSPATH_FILE="$BACKPROP_ROOT/target/classpath.txt"

# A copy of the pom property spark.jvm.flags: Spark's module options on Java 17
# (org.apache.spark.launcher.JavaModuleOptions) plus the vector API used by netlib's VectorBLAS.
BACKPROP_JVM_FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)

export OPENBLAS_NUM_THREADS=1

backprop_log() {
  printf '%s\n' "$*" >&2
}

# Prints why a build is needed (nothing when the jar and class path file are up to date).
backprop_build_reason() {
  local file
  for file in "$BACKPROP_JAR" "$BACKPROP_CLASSPATH_FILE"; do
    if [[ ! -f "$file" ]]; then
      printf '%s is missing' "${file#"$BACKPROP_ROOT"/}"
      return
    fi
  done
  if [[ "$BACKPROP_ROOT/pom.xml" -nt "$BACKPROP_CLASSPATH_FILE" ]]; then
    printf 'pom.xml is newer than %s' "${BACKPROP_CLASSPATH_FILE#"$BACKPROP_ROOT"/}"
    return
  fi
  file="$(find "$BACKPROP_ROOT/pom.xml" "$BACKPROP_ROOT/src/main" -newer "$BACKPROP_JAR" -print -quit 2>/dev/null || true)"
  if [[ -n "$file" ]]; then
    printf '%s is newer than %s' "${file#"$BACKPROP_ROOT"/}" "${BACKPROP_JAR#"$BACKPROP_ROOT"/}"
  fi
}

# Builds with Maven when needed. Tests are neither compiled nor run (a job needs main classes only); all of Maven's
# output goes to stderr. Exits 1 when the build fails.
backprop_ensure_built() {
  local reason
  reason="$(backprop_build_reason)"
  [[ -z "$reason" ]] && return 0
  local mvn_opts=()
  read -r -a mvn_opts <<< "${BACKPROP_MVN_OPTS:-}"
  local command=("${BACKPROP_MVN:-mvn}" -q -B -Dmaven.test.skip=true "${mvn_opts[@]}" package)
  backprop_log "building ($reason): ${command[*]} in $BACKPROP_ROOT"
  local started
  started="$(mktemp)"
  if ! (cd "$BACKPROP_ROOT" && "${command[@]}") >&2; then
    rm -f "$started"
    backprop_log "error: the Maven build failed (see above); fix it or run mvn -B -DskipTests package in $BACKPROP_ROOT"
    exit 1
  fi
  if [[ ! -f "$BACKPROP_JAR" || ! -f "$BACKPROP_CLASSPATH_FILE" ]]; then
    rm -f "$started"
    backprop_log "error: the build did not write $BACKPROP_JAR and $BACKPROP_CLASSPATH_FILE; check pom.xml"
    exit 1
  fi
  # Maven leaves an unchanged class path file (and sometimes jar) untouched: date both to the build's start, so
  # that they count as up to date, while a source edited during the build still triggers the next one.
  touch -r "$started" "$BACKPROP_JAR" "$BACKPROP_CLASSPATH_FILE"
  rm -f "$started"
}

# Runs MAIN with the project jar and its dependencies; never returns.
backprop_java() {
  local main="$1"
  shift
  local java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  local extra=()
  read -r -a extra <<< "${BACKPROP_JAVA_OPTS:-}"
  exec "$java" "${BACKPROP_JVM_FLAGS[@]}" "${extra[@]}" \
    -cp "$BACKPROP_JAR:$(cat "$BACKPROP_CLASSPATH_FILE")" "$main" "$@"
}
