#!/usr/bin/env bash
# Cold start of the Lambda functions: builds everything, starts one moto_server, and runs each function's
# shaded jar in N fresh JVMs (C1 only, as the Lambda java25 runtime does) against it. Prints per function the jar
# size and the median / minimum of init (handler + SDK clients), first invocation and JVM start-to-exit wall time.
#
#   infra/benchmarks/koude-start.sh                          # 10 JVMs per function (about 1.5 minutes with the build)
#   infra/benchmarks/koude-start.sh --runs 20                # more runs
#   infra/benchmarks/koude-start.sh --functie zaak-events    # one function
#   infra/benchmarks/koude-start.sh --variant url=/work/main --variant apache=/tmp/kopie   # compare builds, interleaved
#   infra/benchmarks/koude-start.sh --jvm-arg -XX:+UseSerialGC                              # extra JVM option
#   KOUDE_START_BOUW=0 infra/benchmarks/koude-start.sh       # skip the build (jars must exist)
#
# Every run's figures go to infra/benchmarks/target/koude-start/runs.csv. Needs moto_server (moto[server]==5.2.1):
# TERMIJNWACHT_MOTO_SERVER, <repo>/.venv/bin/moto_server (infra/emulator/install-moto.sh) or the PATH.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
source "$REPO_ROOT/infra/jdk.sh"

# The harness always starts its own emulator: an AWS_ENDPOINT_URL from the shell would point it elsewhere.
unset AWS_ENDPOINT_URL

# Find moto_server as the emulator does, and check that it actually runs (a pyenv shim may exist without moto).
moto=""
if [[ -n "${TERMIJNWACHT_MOTO_SERVER:-}" ]]; then
  moto="$TERMIJNWACHT_MOTO_SERVER"
elif [[ -x "$REPO_ROOT/.venv/bin/moto_server" ]]; then
  moto="$REPO_ROOT/.venv/bin/moto_server"
else
  moto="$(command -v moto_server || true)"
fi
if [[ -z "$moto" ]] || ! "$moto" --help >/dev/null 2>&1; then
  echo "koude-start.sh: moto_server is niet beschikbaar${moto:+ ($moto werkt niet)}; de metingen hebben een AWS-emulator nodig." >&2
  echo "  Installeer het met infra/emulator/install-moto.sh (moto[server]==5.2.1 in $REPO_ROOT/.venv)," >&2
  echo "  of zet TERMIJNWACHT_MOTO_SERVER op een werkende moto_server." >&2
  exit 3
fi
export TERMIJNWACHT_MOTO_SERVER="$moto"

JAR="$SCRIPT_DIR/target/benchmarks.jar"
if [[ "${KOUDE_START_BOUW:-1}" != "0" ]]; then
  echo "==> Bouwen: mvn -q -B install -DskipTests ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))" >&2
  # Maven 3.8 on JDK 25 prints stray colour codes even in batch mode: strip them.
  (cd "$REPO_ROOT" && mvn -q -B install -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g') >&2
fi
if [[ ! -f "$JAR" ]]; then
  echo "koude-start.sh: $JAR ontbreekt; bouw eerst (zonder KOUDE_START_BOUW=0)." >&2
  exit 1
fi

echo "==> Koude start meten (moto_server: $moto)" >&2
cd "$REPO_ROOT"
# The harness itself is short-lived too: C1 only, so it spends its time measuring, not compiling.
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -cp "$JAR" nl.termijnwacht.benchmarks.KoudeStart --repo "$REPO_ROOT" "$@"
