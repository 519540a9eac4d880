#!/usr/bin/env bash
# Builds and runs the JMH benchmarks of the termijn engine on one thread (= one core).
#
#   infra/benchmarks/run.sh                       # all benchmarks, ~3 minutes including the build
#   infra/benchmarks/run.sh -prof gc              # extra JMH options are appended (do not repeat -t/-f/-wi/-w/-i/-r)
#   infra/benchmarks/run.sh 'bereken$'            # only the plain calculation (JMH regex)
#
# Prints JMH's summary table (ops/s = calculations per second) at the end; the same results are
# written as JSON to infra/benchmarks/target/jmh-result.json.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$SCRIPT_DIR/../jdk.sh"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
JAR="$SCRIPT_DIR/target/benchmarks.jar"

echo "==> Building (mvn -q -pl infra/benchmarks -am package -DskipTests) with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
(cd "$REPO_ROOT" && mvn -q -pl infra/benchmarks -am package -DskipTests)

if [[ ! -f "$JAR" ]]; then
  echo "run.sh: build did not produce $JAR" >&2
  exit 1
fi

# 1 fork per benchmark, 3 x 5 s warmup + 5 x 5 s measurement: ~45 s per benchmark, ~2.5 min for three.
echo "==> Running JMH (1 thread, 1 fork, 3x5s warmup, 5x5s measurement)"
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$JAR" \
  -t 1 -f 1 -wi 3 -w 5s -i 5 -r 5s -foe true \
  -rf json -rff "$SCRIPT_DIR/target/jmh-result.json" \
  "$@"
