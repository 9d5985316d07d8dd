#!/usr/bin/env bash
# The sanitizer job: eecc built with clang 19, AddressSanitizer and UndefinedBehavior-
# Sanitizer (into build-asan/), its unit and lit tests, and a time-boxed libFuzzer run of
# the ONNX importer on a seed corpus (the zoo, the frontend tests' models and the hostile
# corpus) and of the driver's option parser and sample-file checks (a quarter as long).
#   EECC_FUZZ_SECONDS   length of the fuzz run (default 90; 0 skips it)
#   EECC_SANITIZE_BUILD_DIR   build directory (default build-asan next to build/)
# A long run: EECC_FUZZ_SECONDS=3600 scripts/sanitize.sh (libFuzzer prints its executions).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${EECC_SANITIZE_BUILD_DIR:-$root/build-asan}
seconds=${EECC_FUZZ_SECONDS:-90}

"$root/scripts/bootstrap.sh"
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang-19 CXX=clang++-19 cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g1 -DEECC_SANITIZE=ON -DEECC_FUZZ=ON \
    -DMLIR_DIR=/usr/lib/llvm-19/lib/cmake/mlir >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2
    exit 1
  }
  rm -f "$build.configure.log"
fi
cmake --build "$build" -j "${EECC_JOBS:-2}"

# Every sanitizer finding fails the run (UBSan: -fno-sanitize-recover at compile time).
# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons its slabs when inlined into
# instrumented code, which Debian's uninstrumented libMLIR then touches legitimately.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if node_modules=$("$root/scripts/npm-deps.sh" 2>/dev/null); then
  export EECC_NODE_MODULES="$node_modules"
fi
echo "sanitize: unit tests" >&2
"$build/test/unit/eecc-unittests" --gtest_brief=1
# The end-to-end numerics tests run whole zoo networks through the interpreter, which is
# 10x slower under the sanitizers; they exercise the same code as the smaller tests and
# run in the normal build (scripts/test.sh).
echo "sanitize: lit tests (without the zoo-scale numerics tests)" >&2
/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -q \
  --filter-out 'csim/(fixed-|csim-zoo|placements|ap-fixed|exit-unit-agreement|dataflow-safety|export-ops|box-slice)|zoo/|conformance/|scripts/zoo-flows|tools/eecc-(memory|install|overfit|labels|compile-pipeline)' "$build/test"

if [[ "$seconds" -gt 0 ]]; then
  seeds=$build/fuzz-seeds
  corpus=$build/fuzz-corpus
  mkdir -p "$seeds" "$corpus"
  /usr/bin/python3 "$root/test/Frontend/ONNX/Inputs/make_models.py" "$seeds" >/dev/null
  /usr/bin/python3 "$root/test/hostile/Inputs/round_two.py" "$seeds" invalid_utf8_node good \
    strict_tie chain_duplicate_64 >/dev/null
  /usr/bin/python3 "$root/test/hostile/make_corpus.py" "$build/hostile-corpus" >/dev/null
  find "$build/hostile-corpus" -name '*.onnx' -type f -size -128k -exec cp {} "$seeds/" \;
  cp "$root"/examples/zoo/models/b_lenet.onnx "$root"/examples/zoo/models/b_lenet_if.onnx "$seeds/"
  fuzz() { # NAME SECONDS CORPUS... : one libFuzzer run; a finding fails the job
    local name=$1 time=$2
    shift 2
    echo "sanitize: fuzzing $name for ${time} s" >&2
    "$build/test/fuzz/eecc-$name-fuzzer" -max_total_time="$time" -max_len=131072 -rss_limit_mb=4096 \
      -timeout=30 -print_final_stats=1 -artifact_prefix="$build/$name-" "$@" 2>&1 |
      tee "$build/fuzz-$name.log" |
      grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
    if grep -q -E "==[0-9]+==ERROR|SUMMARY: .*Sanitizer|deadly signal" "$build/fuzz-$name.log"; then
      echo "sanitize: the $name fuzzer found a crash; see $build/fuzz-$name.log and $build/$name-crash-*" >&2
      exit 1
    fi
  }
  fuzz import "$seconds" "$corpus" "$seeds"
  # The option parser and the sample-file checks (seeds: command lines of the tests).
  options_corpus=$build/fuzz-options-corpus
  mkdir -p "$options_corpus"
  printf 'model.onnx\0-o\0out\0--calibration=c.bin\0--calibration-count=4\0--clock=5\0--thresholds=0.5,0.9' \
    > "$options_corpus/seed-compile"
  printf 'run\0model.onnx\0--input\0x.bin\0--count\0002\0--output\0r.json\0--fixed\0--precision=16,6' \
    > "$options_corpus/seed-run"
  fuzz options "$(( (seconds + 3) / 4 ))" "$options_corpus"
fi
echo "sanitize: clean" >&2
