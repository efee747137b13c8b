#!/usr/bin/env bash
# Installs every Debian package that modelbench's build and tests need.
# Non-interactive and idempotent: packages already present are left alone, and apt is
# only consulted when something is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  protobuf-compiler libprotobuf-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libdnnl-dev libopencv-dnn-dev
  clang libclang-rt-14-dev libomp-dev
  # Independent references for the ONNX tests: ONNX's conformance cases are generated from
  # python3-onnx; PyTorch exports the torchvision models and computes their outputs.
  python3-onnx python3-numpy python3-torch python3-torchvision
  # Headless Chromium renders modelbench's HTML reports in tests/tools/html_report_test.cc,
  # which checks that the page draws without script errors and shows the expected data.
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
