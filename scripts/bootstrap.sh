#!/usr/bin/env bash
# Installs the Debian packages eecc needs to build and test; a no-op when all are present.
set -euo pipefail

# Build toolchain and libraries (the compiler itself; libzstd-dev: the static LLVM
# support library links zstd).
build_packages=(
  build-essential cmake ninja-build lld python3
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools libzstd-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  libfmt-dev nlohmann-json3-dev
)
# Test-only packages: unit tests; python3-onnx writes the frontend's test models;
# SystemC is the fixed-point oracle; Fashion-MNIST feeds the end-to-end numerics tests;
# clang 19 builds the sanitizer and fuzzing job; tclsh runs the generated Tcl under the
# vendor-tool stubs; the aarch64 cross compiler, picolibc and QEMU run the bare-metal
# runtime on an emulated ZynqMP; libonnx-testdata is the ONNX backend test suite;
# Chromium renders report.html headless.
test_packages=(
  libgtest-dev python3-onnx python3-numpy libsystemc-dev dataset-fashion-mnist
  clang-19 libclang-rt-19-dev tcl libonnx-testdata chromium
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu picolibc-aarch64-linux-gnu qemu-system-arm
)

packages=("${build_packages[@]}" "${test_packages[@]}")
if [[ "${1:-}" == "--print" ]]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when a package is unknown to the current ones.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  "${sudo_cmd[@]}" apt-get update -qq
fi
if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
