#!/usr/bin/env bash
# A data-parallel training on a real Spark standalone cluster, started on this machine, through spark-submit.
#
# What it proves beyond the embedded-Spark tests: the -spark jar runs under spark-submit against a spark:// master,
# in executor JVMs of their own that fetch the jar from the driver (as on a cluster), with the Java 17 flags the
# README gives; and the run is bit-identical to the same command with --master local[2] (log.csv and the epoch
# checkpoint weights compared byte for byte).
#
# No Spark installation is needed: a SPARK_HOME is assembled in a temporary folder from the cluster module's own
# dependencies (cluster/target/dist/lib, the Spark 3.5 / Scala 2.13 jars), a Master and one Worker are started on
# 127.0.0.1 and stopped again at the end (also on failure).
#
# Needs `mvn -B install` first (cluster/target/dist and cluster/target/hydrodelta-cluster-*-spark.jar).
#
# Usage: scripts/standalone-cluster-check.sh [PROJECT_DIR [EXPERIMENT]]
#   PROJECT_DIR  a project folder, copied first (default sample-projects/camels-regions, 19 real CAMELS basins)
#   EXPERIMENT   the experiment to train (default delta-small), one epoch on 2 partitions, then evaluated
# Environment: PORT (default 7077), WORKER_MEMORY (default 6g), EXECUTOR_MEMORY (default 2g), KEEP=1 keeps the
# temporary folder (its path is printed).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${1:-$ROOT/sample-projects/camels-regions}
EXP=${2:-delta-small}
PORT=${PORT:-7077}
WORKER_MEMORY=${WORKER_MEMORY:-6g}
EXECUTOR_MEMORY=${EXECUTOR_MEMORY:-2g}

LIB=$ROOT/cluster/target/dist/lib
JAR=$(ls "$ROOT"/cluster/target/hydrodelta-cluster-*-spark.jar 2>/dev/null | head -1 || true)
if [[ ! -d $LIB || -z $JAR ]]; then
  echo "standalone-cluster-check: $LIB or the -spark jar is missing; run 'mvn -B install' first" >&2
  exit 2
fi
HDPROJ=$(ls "$SRC"/*.hdproj 2>/dev/null | head -1 || true)
if [[ -z $HDPROJ ]]; then
  echo "standalone-cluster-check: no .hdproj in $SRC" >&2
  exit 2
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# the flags of the README's spark-submit section
OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
 --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Xss4m"

# a SPARK_HOME from the module's dependencies: Spark's jars without HydroDelta's (the executors get those from the
# submitted jar only, as on a real cluster); RELEASE marks it as an installation; Scala 2.13 for the worker's
# executor launcher
SPARK_HOME=$WORK/spark
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/work"
for j in "$LIB"/*.jar; do
  case $(basename "$j") in hydrodelta-*) ;; *) ln -s "$j" "$SPARK_HOME/jars/" ;; esac
done
touch "$SPARK_HOME/RELEASE"
export SPARK_HOME SPARK_SCALA_VERSION=2.13
CP="$SPARK_HOME/jars/*"
MASTER=spark://127.0.0.1:$PORT

echo "== master $MASTER and one worker (2 cores, $WORKER_MEMORY)"
# shellcheck disable=SC2086
java $OPENS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$WORK/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do grep -q "I have been elected leader" "$WORK/master.log" && break; sleep 1; done
grep -q "I have been elected leader" "$WORK/master.log" || { tail -20 "$WORK/master.log"; exit 1; }
# shellcheck disable=SC2086
java $OPENS -cp "$CP" org.apache.spark.deploy.worker.Worker --cores 2 --memory "$WORKER_MEMORY" --webui-port 0 \
  --work-dir "$SPARK_HOME/work" "$MASTER" > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do grep -q "Successfully registered with master" "$WORK/worker.log" && break; sleep 1; done
grep -q "Successfully registered with master" "$WORK/worker.log" || { tail -20 "$WORK/worker.log"; exit 1; }

# two copies of the project: one for the standalone cluster, one for local[2]
cp -r "$SRC" "$WORK/standalone"
cp -r "$SRC" "$WORK/local"
NAME=$(basename "$HDPROJ")
ARGS=(train --experiment "$EXP" --epochs 1 --partitions 2 --evaluate)

echo "== spark-submit --master $MASTER (executors in their own JVMs)"
# shellcheck disable=SC2086
java $OPENS -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "$MASTER" --deploy-mode client \
  --class org.hydrodelta.cluster.cli.ClusterCommand \
  --conf spark.driver.extraJavaOptions="$OPENS" --conf spark.executor.extraJavaOptions="$OPENS" \
  --executor-cores 2 --executor-memory "$EXECUTOR_MEMORY" \
  "$JAR" "${ARGS[0]}" "$WORK/standalone/$NAME" "${ARGS[@]:1}" > "$WORK/standalone.log" 2> "$WORK/standalone.err" \
  || { tail -30 "$WORK/standalone.err"; exit 1; }
grep -v '^\s*$' "$WORK/standalone.log" | tail -5
# the executors ran in JVMs of the worker's (app-*/N folders with their stderr), not in the driver
EXECUTORS=$(find "$SPARK_HOME/work" -mindepth 2 -maxdepth 2 -type d | wc -l)
echo "executor JVMs started by the worker: $EXECUTORS"
[[ $EXECUTORS -ge 1 ]] || { echo "no executor ran on the worker" >&2; exit 1; }

echo "== the same command with --master local[2]"
# shellcheck disable=SC2086
java $OPENS -cp "$CP:$JAR" org.hydrodelta.cluster.cli.ClusterCommand "${ARGS[0]}" "$WORK/local/$NAME" \
  "${ARGS[@]:1}" --master 'local[2]' > "$WORK/local.log" 2> "$WORK/local.err" \
  || { tail -30 "$WORK/local.err"; exit 1; }
grep -v '^\s*$' "$WORK/local.log" | tail -5

RUN_A=$(sed -n 's/^run folder: //p' "$WORK/standalone.log" | tail -1)
RUN_B=$(sed -n 's/^run folder: //p' "$WORK/local.log" | tail -1)
[[ -n $RUN_A && -n $RUN_B ]] || { echo "no 'run folder:' line in the output" >&2; exit 1; }
echo "== compare $(basename "$RUN_A") (standalone) with $(basename "$RUN_B") (local[2])"
status=0
for f in log.csv $(cd "$RUN_A" && find checkpoints -type f -name '*.bin' | sort); do
  if cmp -s "$RUN_A/$f" "$RUN_B/$f"; then echo "identical  $f"; else echo "DIFFERENT  $f"; status=1; fi
done
[[ $status == 0 ]] && echo "standalone cluster run is bit-identical to local[2]"
exit $status
