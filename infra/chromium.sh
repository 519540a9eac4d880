#!/usr/bin/env bash
# Prints the path of a headless Chromium, installing it first when it is missing (Debian 12 apt).
# Used by the ladder-card test (LadderkaartTest renders the card and prints it to PDF) and by `make test`,
# so a fresh CI machine gets a browser. Quiet on success: only the path on stdout.
#
# Not pinned: Debian keeps only the current build of chromium in its mirror (a point or security release
# replaces it), so a pinned version would one day stop installing. We take the version Debian serves and
# say which one on stderr when we install it; the page tests check structure (one A4 page, not blank,
# text drawn), not pixels, so they hold across browser versions. LadderkaartTest logs `chromium --version`.
set -euo pipefail

fout() { echo "chromium.sh: $*" >&2; exit 1; }

if pad="$(command -v chromium 2>/dev/null)"; then
  echo "$pad"
  exit 0
fi

command -v apt-get >/dev/null || fout "chromium ontbreekt en apt-get is er niet: installeer Chromium zelf en zet 'chromium' op het PATH"
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    fout "chromium ontbreekt; installeren kan alleen als root (of met sudo zonder wachtwoord): apt-get install chromium chromium-common"
  fi
else
  SUDO=()
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; fout "apt-get update mislukt"; }

versie="$(apt-cache policy chromium 2>/dev/null | awk '/Candidate:/ {print $2}')"
[[ -n "$versie" && "$versie" != "(none)" ]] || fout "geen chromium-pakket in de apt-bronnen"

# chromium-common must be the same build as chromium; name both, so apt cannot pair mismatched versions.
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "chromium=$versie" "chromium-common=$versie" >"$log" 2>&1 \
  || { tail -n 20 "$log" >&2; fout "apt-get install chromium=$versie chromium-common=$versie mislukt"; }

pad="$(command -v chromium 2>/dev/null)" || fout "chromium geïnstalleerd maar niet op het PATH"
# stderr apart: Debian's launcher may print noise from its /etc/chromium.d snippets before the version line.
gemeld="$("$pad" --version 2>"$log" | awk 'tolower($0) ~ /chromium/ && !n++')" || true
[[ -n "$gemeld" ]] || fout "$pad start niet ($(tail -n 3 "$log"))"
echo "chromium.sh: $gemeld geïnstalleerd (Debian-pakket $versie)" >&2
echo "$pad"
