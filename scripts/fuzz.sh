#!/usr/bin/env bash
# Runs the libFuzzer harnesses (tests/fuzz/) for SECONDS each, one after another, under ASan
# and UBSan, over seed corpora made from the project's example models. Crashing inputs are
# kept in build-fuzz/artifacts/; each one found becomes a test in tests/regressions/.
# Usage: scripts/fuzz.sh [SECONDS=60] [HARNESS...]
#   HARNESS: graphdef npy tf_flags onnx shape_inference verifier (default: all of them), e.g.
#   scripts/fuzz.sh 300 onnx shape_inference
# Exit status: non-zero if any harness found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(graphdef npy tf_flags onnx shape_inference verifier)
targets=()
for harness in "${harnesses[@]}"; do targets+=("fuzz_$harness"); done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${JOBS:-2}" --target "${targets[@]}"

corpus=build-fuzz/corpus
artifacts=build-fuzz/artifacts
mkdir -p "$artifacts"
for harness in "${harnesses[@]}"; do mkdir -p "$corpus/$harness"; done

# Seeds (copied into the corpus, which also keeps what the fuzzer learned in earlier runs).
seed_onnx() {
  for f in ../shared/samples/onnx/*/model.onnx; do
    [ -f "$f" ] && cp "$f" "$corpus/onnx/$(basename "$(dirname "$f")").onnx"
  done
  # Small models of ONNX's own conformance cases (Debian python3-onnx): one per op and
  # variant, each a few hundred bytes, so mutations reach every row of the op table.
  local cases=build-fuzz/onnx_cases
  if [ ! -d "$cases/node" ] && [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 tests/onnx_conformance/generate_cases.py "$cases" >/dev/null 2>&1 || true
  fi
  if [ -d "$cases/node" ]; then
    find "$cases/node" -name model.onnx -size -4k | while read -r f; do
      cp "$f" "$corpus/onnx/$(basename "$(dirname "$f")").onnx"
    done
  fi
}
for harness in "${harnesses[@]}"; do
  case $harness in
    graphdef) cp examples/resnet20_cifar10.pb examples/graphs/* "$corpus/graphdef/" ;;
    npy)
      for f in ../shared/samples/tf/*/input_0.npy; do
        [ -f "$f" ] && cp "$f" "$corpus/npy/$(basename "$(dirname "$f")").npy"
      done ;;
    tf_flags)
      printf -- '--graph=a.pb\0--max_num_runs=5\0--show_flops\0--delay=0.5\0--big=-3' \
        > "$corpus/tf_flags/seed" ;;
    onnx) seed_onnx ;;
    # Structure-aware harnesses build their graphs from any bytes; they start from nothing.
    shape_inference | verifier) ;;
  esac
done

status=0
for harness in "${harnesses[@]}"; do
  log="build-fuzz/fuzz_$harness.log"
  # The large seeds (ResNet-20, the OCR model) would set -max_len; inputs stay bounded so runs
  # stay fast. Structure-aware harnesses need only a few hundred bytes per graph.
  options=(-max_len=65536)
  case $harness in
    onnx) options=(-max_len=16384 -dict=tests/fuzz/onnx.dict) ;;
    shape_inference | verifier) options=(-max_len=1024) ;;
  esac
  if build-fuzz/fuzz/"fuzz_$harness" "$corpus/$harness" -max_total_time="$seconds" \
       "${options[@]}" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
       -artifact_prefix="$artifacts/$harness-" >"$log" 2>&1; then
    result=ok
  else
    result="FOUND A CRASH (see $log and $artifacts/)"
    status=1
  fi
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  echo "fuzz_$harness: ${runs:-?} executions in ${seconds}s: $result"
done
exit $status
