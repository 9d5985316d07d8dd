#!/usr/bin/env bash
# Installs the npm packages eecc's example scripts use (onnxruntime-node, for the reference
# outputs of examples/zoo) into a cache folder outside the clone, and prints the path of its
# node_modules on stdout. A fast no-op when the pinned version is already there.
#
#   scripts/npm-deps.sh            # -> ${EECC_CACHE_DIR:-$HOME/.cache/eecc}/npm/node_modules
#
# onnxruntime-node 1.20.1: works with Node 20 (N-API v3) and its npm tarball carries the
# prebuilt linux-x64 library (bin/napi-v3/linux/x64), so no install script is needed
# (--ignore-scripts: its postinstall would only try to download optional GPU providers).
set -euo pipefail

ORT_VERSION=1.20.1
cache="${EECC_CACHE_DIR:-$HOME/.cache/eecc}/npm"
nm="$cache/node_modules"
pkg="$nm/onnxruntime-node"
binding="$pkg/bin/napi-v3/linux/x64/onnxruntime_binding.node"

installed_version() {
  [[ -f "$pkg/package.json" ]] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -n1
}

if [[ "$(installed_version)" == "$ORT_VERSION" && -f "$binding" ]]; then
  echo "$nm"
  exit 0
fi

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "npm-deps: '$tool' not found (apt-get install nodejs npm)" >&2; exit 1; }
done
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "npm-deps: warning: only linux x64 is tested ($(uname -s)-$(uname -m))" >&2 ;;
esac

echo "npm-deps: installing onnxruntime-node@$ORT_VERSION into $cache" >&2
mkdir -p "$cache"
npm install --ignore-scripts --no-audit --no-fund --prefix "$cache" \
  "onnxruntime-node@$ORT_VERSION" >&2

if [[ "$(installed_version)" != "$ORT_VERSION" ]]; then
  echo "npm-deps: onnxruntime-node@$ORT_VERSION did not install into $nm" >&2
  exit 1
fi
if [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 && ! -f "$binding" ]]; then
  echo "npm-deps: $binding is missing from the package" >&2
  exit 1
fi
echo "$nm"
