#!/usr/bin/env bash
# The engine issue's benchmark: this machine's peak FP32 FLOP/s, then ResNet-20 latency at 1
# and 2 threads with achieved GFLOP/s, percent of peak and the per-node profiling overhead.
# Run alone (nothing else on the machine): bench/resnet20.sh [ROUNDS=7]   (after make build)
# FLOPs are counted as TF does, padded taps included; on ResNet-20's small 16x16 and 8x8
# maps oneDNN skips those taps, so the real arithmetic is lower and "% of peak" reads high.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
rounds=${1:-7}
peak=$("$build/bench/peak_flops" 5)
echo "$peak"
peak1=$(awk '/^  1 thread:/ {print $3}' <<<"$peak")
peakn=$(awk '/^  [0-9]+ threads:/ {print $3}' <<<"$peak")
for threads in 1 2; do
  out=$("$build/bench/engine_latency" examples/resnet20_cifar10.pb net_input 1,32,32,3 "$threads" "$rounds")
  echo "$out"
  achieved=$(awk '/achieved/ {print $2}' <<<"$out")
  ref=$([ "$threads" = 1 ] && echo "$peak1" || echo "$peakn")
  awk -v a="$achieved" -v p="$ref" -v t="$threads" \
    'BEGIN {printf "  = %.0f%% of the %s-thread peak (%.1f GFLOP/s)\n", 100 * a / p, t, p}'
done
