#!/usr/bin/env bash
# Source this file: it puts Node >= 22 and the pinned pnpm on PATH.
# The machine's own Node is used when it is new enough; otherwise the npm
# registry's `node` package (a real Node binary) is installed once into
# .toolchain/ next to this repository. corepack is not used: its signature
# check does not work against every registry mirror.
_simhub_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_simhub_pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$_simhub_root/package.json")"
_simhub_node_major="24"
_simhub_bin="$_simhub_root/.toolchain/node_modules/.bin"

_simhub_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local major; major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || return 1
  [ "${major:-0}" -ge 22 ]
}
_simhub_pnpm_ok() {
  command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$_simhub_pnpm_version" ]
}

if [ -x "$_simhub_bin/node" ]; then export PATH="$_simhub_bin:$PATH"; fi
if ! _simhub_node_ok || ! _simhub_pnpm_ok; then
  command -v npm >/dev/null 2>&1 || { echo "toolchain: npm is needed to install Node $_simhub_node_major" >&2; return 1 2>/dev/null || exit 1; }
  echo "toolchain: installing node@$_simhub_node_major and pnpm@$_simhub_pnpm_version into .toolchain/" >&2
  npm install --silent --no-audit --no-fund --prefix "$_simhub_root/.toolchain" \
    "node@$_simhub_node_major" "pnpm@$_simhub_pnpm_version" >&2 || { return 1 2>/dev/null || exit 1; }
  export PATH="$_simhub_bin:$PATH"
fi
unset -f _simhub_node_ok _simhub_pnpm_ok
