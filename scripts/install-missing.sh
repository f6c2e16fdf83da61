#!/usr/bin/env bash
# Installs, quietly with apt-get, the Debian packages of the commands a check
# needs and the machine lacks; used by scripts/check-deploy.sh and by the
# tests that run Prometheus's tools (promtool check metrics).
#
#   scripts/install-missing.sh promtool=prometheus [command=package …]
#
# Sourced, it defines apt_install_quietly for a caller with its own tests of
# what is missing. Exits non-zero, with apt-get's output, if it cannot install.
set -uo pipefail

apt_install_quietly() {
  local sudo=() apt_log
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  printf 'installing %s\n' "$*"
  apt_log="$(mktemp)"
  if ! { "${sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"; } \
    >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    printf 'could not install %s with apt-get\n' "$*" >&2
    return 1
  fi
  rm -f "$apt_log"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  missing=()
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  [ "${#missing[@]}" -eq 0 ] || apt_install_quietly "${missing[@]}" >&2
fi
