# Sourced by every script: selects JDK 25, the Lambda java25 runtime the build targets.
# The machine's default java may be older (17), so JAVA_HOME is always set explicitly here.
termijnwacht_jdk_ok() { [[ -x "$1/bin/java" ]] && grep -q '^JAVA_VERSION="25' "$1/release" 2>/dev/null; }
if ! termijnwacht_jdk_ok "${JAVA_HOME:-/nonexistent}"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/*25*; do
    if termijnwacht_jdk_ok "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [[ -z "$JAVA_HOME" ]]; then
    echo "termijnwacht: geen JDK 25 gevonden (nodig voor de Lambda-runtime java25)." >&2
    echo "  Installeer Temurin 25 (bijv. /usr/lib/jvm/temurin-25-jdk-amd64) of zet JAVA_HOME op een JDK 25." >&2
    exit 3
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
