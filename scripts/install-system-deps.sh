#!/usr/bin/env bash
# Install the Debian packages the test suite uses beside Python: raptor's `rapper` (an independent
# RDF parser) and Chromium (renders the offline network view headlessly). Does nothing when they
# are present. Elsewhere it says what to install; those tests then skip, naming what is missing,
# except under CI (CI=true), where a missing package is an error.
set -euo pipefail

declare -A wanted=([rapper]=raptor2-utils [chromium]=chromium)
missing=()
for binary in "${!wanted[@]}"; do
  command -v "$binary" >/dev/null 2>&1 || missing+=("${wanted[$binary]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "install-system-deps: please install ${missing[*]} (Debian/Ubuntu names); the tests that need them will skip" >&2
[ "${CI:-}" != "true" ]
