#!/usr/bin/env bash
# Makes the AWS emulator (moto server, moto[server]==5.2.1) available for the tests and for
# ./termijnwacht emulator start. The Java side (nl.termijnwacht.emulator.Emulator) looks for
# moto_server in this order: $TERMIJNWACHT_MOTO_SERVER, <repo>/.venv/bin/moto_server, the PATH.
#
# - If a moto_server of the pinned version is already found that way, say where and stop.
# - Otherwise create <repo>/.venv (python3 -m venv) and pip-install the pinned version into it.
#
# Alternatives that need no Python: point AWS_ENDPOINT_URL at LocalStack or Floci.
set -euo pipefail

MOTO_VERSION="5.2.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"

say() { echo "install-moto: $*"; }
fail() {
  echo "install-moto: $*" >&2
  exit 1
}

# Prints the moto version of the Python behind a moto_server executable, or nothing.
moto_version_of() {
  local exe="$1" real="$1" interpreter=""
  if [[ "$exe" == */shims/* ]] && command -v pyenv >/dev/null 2>&1; then
    real="$(pyenv which "$(basename "$exe")" 2>/dev/null || true)"
    [[ -n "$real" ]] || return 0
  fi
  local first_line
  first_line="$(head -n 1 "$real" 2>/dev/null || true)"
  if [[ "$first_line" == '#!'*python* ]]; then
    interpreter="${first_line#\#!}"
  elif [[ -x "$(dirname "$real")/python3" ]]; then
    interpreter="$(dirname "$real")/python3"
  fi
  [[ -n "$interpreter" ]] || return 0
  # shellcheck disable=SC2086 # the shebang may carry arguments (e.g. "/usr/bin/env python3")
  $interpreter -c 'import moto; print(moto.__version__)' 2>/dev/null || true
}

check() {
  local exe="$1" source="$2" version
  [[ -x "$exe" && -f "$exe" ]] || return 1
  version="$(moto_version_of "$exe")"
  if [[ "$version" == "$MOTO_VERSION" ]]; then
    say "moto_server $MOTO_VERSION is beschikbaar: $exe ($source)"
    return 0
  fi
  say "gevonden: $exe ($source), maar de moto-versie is '${version:-onbekend}', niet $MOTO_VERSION"
  return 1
}

# 1. Already there?
if [[ -n "${TERMIJNWACHT_MOTO_SERVER:-}" ]]; then
  check "$TERMIJNWACHT_MOTO_SERVER" "TERMIJNWACHT_MOTO_SERVER" && exit 0
  fail "TERMIJNWACHT_MOTO_SERVER=$TERMIJNWACHT_MOTO_SERVER is geen moto_server $MOTO_VERSION; maak het leeg om in $VENV te installeren."
fi
check "$VENV/bin/moto_server" "repository venv" && exit 0
if on_path="$(command -v moto_server 2>/dev/null)"; then
  check "$on_path" "PATH" && exit 0
fi

# 2. Install into <repo>/.venv.
command -v python3 >/dev/null 2>&1 || fail "python3 niet gevonden. Installeer Python 3.9+ (bijv. apt-get install python3 python3-venv),
  of zet AWS_ENDPOINT_URL op LocalStack/Floci (bijv. http://localhost:4566) in plaats van moto."

created=0
if [[ ! -x "$VENV/bin/python" ]]; then
  say "$VENV aanmaken"
  if ! python3 -m venv "$VENV"; then
    rm -rf "$VENV"
    fail "python3 -m venv mislukte. Installeer op Debian/Ubuntu de venv-module: apt-get install python3-venv."
  fi
  created=1
fi

say "moto[server]==$MOTO_VERSION installeren in $VENV (index: ${PIP_INDEX_URL:-https://pypi.org/simple})"
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet --timeout 20 --retries 2 \
     "moto[server]==$MOTO_VERSION"; then
  if [[ $created -eq 1 ]]; then rm -rf "$VENV"; fi
  fail "kon moto[server]==$MOTO_VERSION niet installeren: de pakketindex is niet bereikbaar (of weigerde het pakket).
  Oplossingen: zet PIP_INDEX_URL op een bereikbare mirror en draai dit script opnieuw;
  of installeer moto[server]==$MOTO_VERSION elders en zet TERMIJNWACHT_MOTO_SERVER=/pad/naar/moto_server;
  of draai LocalStack/Floci en zet AWS_ENDPOINT_URL (bijv. http://localhost:4566)."
fi

check "$VENV/bin/moto_server" "repository venv" && exit 0
fail "pip meldde succes, maar $VENV/bin/moto_server is geen moto $MOTO_VERSION; verwijder $VENV en probeer opnieuw."
