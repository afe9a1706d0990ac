#!/usr/bin/env bash
# Make sure the Debian packages a make target needs are installed: `need-packages.sh TARGET COMMAND:PACKAGE ...`.
# A missing command's package is installed with apt-get when we run as root; otherwise we stop at once with one
# sentence saying what to install (never a wall of errors later).
set -euo pipefail
target="$1"
shift
missing=()
for pair in "$@"; do
  command="${pair%%:*}"
  package="${pair##*:}"
  if [[ "$command" == /* ]]; then
    [[ -e "$command" ]] || missing+=("$package")
  else
    command -v "$command" >/dev/null 2>&1 || missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "make $target: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Packages with a service (redis-server, nginx) must not start it: the tests start their own, on free ports.
  # The standard policy-rc.d answer 101 ("not allowed") tells the package scripts so, for this install only.
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "make $target needs the Debian packages ${missing[*]}: run 'sudo apt-get install ${missing[*]}' and try again." >&2
exit 1
