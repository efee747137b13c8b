#!/usr/bin/python3
"""Writes ONNX's backend node-test cases (model.onnx + test_data_set_0/*.pb) into OUTDIR.

Runs the generators of Debian's python3-onnx (1.12). Those still use numpy aliases that
numpy 1.24 removed (np.float, np.int, np.bool, np.object, np.complex, np.str); they are
restored here as the builtins they stood for. numpy is seeded so the random inputs, and so
the committed list of passing cases, are the same on every machine.

Usage: generate_cases.py OUTDIR
"""
import builtins
import os
import sys

import numpy as np

for alias in ("float", "int", "bool", "object", "complex", "str"):
    if alias not in np.__dict__:
        setattr(np, alias, getattr(builtins, alias))
np.random.seed(0)

from onnx.backend.test.cmd_tools import main  # noqa: E402  (after the aliases exist)


def run():
    if len(sys.argv) != 2:
        sys.exit("usage: generate_cases.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sys.argv = [sys.argv[0], "generate-data", "-o", out]
    main()


if __name__ == "__main__":
    run()
