#!/usr/bin/env bash
# Prints the path of a headless Chromium, installing it first when it is missing (Debian 12 apt).
# Used by the ladder-card test (LadderkaartTest renders the card and prints it to PDF) and by `make test`,
# so a fresh CI machine gets the same browser. Quiet on success: only the path on stdout.
set -euo pipefail

# Pinned so screenshots and page breaks do not change under us with a browser update.
PIN="150.0.7871.100-1~deb12u1"

fout() { echo "chromium.sh: $*" >&2; exit 1; }

if pad="$(command -v chromium 2>/dev/null)"; then
  echo "$pad"
  exit 0
fi

command -v apt-get >/dev/null || fout "chromium ontbreekt en apt-get is er niet: installeer Chromium zelf en zet 'chromium' op het PATH"
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    fout "chromium ontbreekt; installeren kan alleen als root (of met sudo zonder wachtwoord): apt-get install chromium=$PIN"
  fi
else
  SUDO=()
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; fout "apt-get update mislukt"; }

versie="$PIN"
# Debian replaces security builds in the mirror: when the pinned build is gone, take the current candidate
# rather than fail every test run, but say so loudly so the pin gets updated.
if ! apt-cache madison chromium 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -qxF "$PIN"; then
  versie="$(apt-cache policy chromium 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [[ -n "$versie" && "$versie" != "(none)" ]] || fout "geen chromium-pakket in de apt-bronnen (gezocht: $PIN)"
  echo "chromium.sh: WAARSCHUWING: chromium $PIN staat niet meer in de mirror; installeer $versie (pas PIN aan in infra/chromium.sh)" >&2
fi

# chromium-common must be the same build; apt would otherwise pick the newest one and refuse.
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "chromium=$versie" "chromium-common=$versie" >"$log" 2>&1 \
  || { tail -n 20 "$log" >&2; fout "apt-get install chromium=$versie mislukt"; }

pad="$(command -v chromium 2>/dev/null)" || fout "chromium geïnstalleerd maar niet op het PATH"
"$pad" --version >/dev/null 2>&1 || fout "$pad start niet ($("$pad" --version 2>&1 | head -n 1))"
echo "$pad"
