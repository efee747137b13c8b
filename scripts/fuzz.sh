#!/usr/bin/env bash
# Runs every libFuzzer harness (tests/fuzz/) for SECONDS each, under ASan and UBSan, over
# seed corpora made from the project's example models. Crashing inputs are kept in
# build-fuzz/artifacts/; each one found becomes a test in tests/regressions/.
# Usage: scripts/fuzz.sh [SECONDS=60]      Exit status: non-zero if any harness found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${JOBS:-2}"

corpus=build-fuzz/corpus
artifacts=build-fuzz/artifacts
mkdir -p "$corpus/graphdef" "$corpus/npy" "$corpus/tf_flags" "$artifacts"
cp examples/resnet20_cifar10.pb examples/graphs/* "$corpus/graphdef/"
for f in ../shared/samples/tf/*/input_0.npy; do
  [ -f "$f" ] && cp "$f" "$corpus/npy/$(basename "$(dirname "$f")").npy"
done
printf -- '--graph=a.pb\0--max_num_runs=5\0--show_flops\0--delay=0.5\0--big=-3' \
  > "$corpus/tf_flags/seed"

status=0
for harness in graphdef npy tf_flags; do
  log="build-fuzz/fuzz_$harness.log"
  # The large ResNet-20 seed sets -max_len; keep inputs bounded so runs stay fast.
  if build-fuzz/fuzz/"fuzz_$harness" "$corpus/$harness" -max_total_time="$seconds" \
       -max_len=65536 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
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
