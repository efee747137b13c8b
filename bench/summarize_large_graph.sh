#!/usr/bin/env bash
# Summarize speed on a large frozen graph (issue: foundation, item 9).
# Generates a ~SIZE_MB GraphDef, then times `modelbench summarize` and the `summarize_graph`
# drop-in on it, interleaving ROUNDS rounds, and prints each run and the medians.
# Usage: bench/summarize_large_graph.sh [SIZE_MB=200] [ROUNDS=5] [CHANNELS=128]
# (after `make build`). CHANNELS=8 makes a graph of ~400k small nodes instead of 2k large ones.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-200}
rounds=${2:-5}
build=${BUILD_DIR:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
graph="$work/large.pb"
"$build/bench/make_large_graph" "$graph" "$size_mb" "${3:-128}"
file_bytes=$(stat -c %s "$graph")
echo "file: $file_bytes bytes"

declare -A times rss
for ((round = 1; round <= rounds; round++)); do
  for tool in modelbench summarize_graph; do
    if [ "$tool" = modelbench ]; then
      cmd=("$build/bin/modelbench" summarize "$graph")
    else
      cmd=("$build/bin/summarize_graph" "--in_graph=$graph")
    fi
    line=$("$build/bench/run_measured" "${cmd[@]}" 2>&1 >/dev/null | tail -n 1)
    echo "round $round $tool: $line"
    times[$tool]+="$(sed -E 's/.*wall_s=([0-9.]+).*/\1/' <<<"$line") "
    rss[$tool]+="$(sed -E 's/.*max_rss_kb=([0-9]+).*/\1/' <<<"$line") "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for tool in modelbench summarize_graph; do
  t=$(median <<<"${times[$tool]}")
  r=$(median <<<"${rss[$tool]}")
  ratio=$(awk -v r="$r" -v f="$file_bytes" 'BEGIN {printf "%.2f", r * 1024 / f}')
  echo "median $tool: ${t} s, peak RSS ${r} KiB = ${ratio}x file size"
done
