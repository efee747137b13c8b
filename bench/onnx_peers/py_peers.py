#!/usr/bin/python3
"""OpenCV dnn and PyTorch eager workers for bench/onnx_latency.py.

usage: /usr/bin/python3 py_peers.py opencv|torch MODEL_FOLDER THREADS WARMUP

Same line protocol as ort_peer.js: load the model once, run it on input_0.npy, compare with
output_0.npy, do WARMUP more runs, print
  {"ready": true, "load_ms": .., "first_run_ms": .., "max_abs_diff": .., "version": ".."}
then for every stdin line "run N BUDGET_MS" do one untimed run and up to N timed runs (stop
once BUDGET_MS of timed runs have passed, at least one) and print {"times_ms": [...]}.
Errors print {"error": "..."} and exit 1.

opencv: cv2.dnn.readNetFromONNX(model.onnx), OpenCV backend and CPU target,
        cv2.setNumThreads(THREADS). Needs Debian's python3-opencv (4.6); the graph is first
        rewritten around two of its importer's gaps, see opencv_compat.
torch:  the torchvision model rebuilt as scripts/export_torchvision.py builds it (same seed,
        so the same weights; the folder name is the model name), torch.set_num_threads(THREADS),
        one inter-op thread, inference under torch.no_grad.
"""

import json
import os
import sys
import time

import numpy as np


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def opencv_compat(model_path):
    """model.onnx as bytes, rewritten around two gaps of OpenCV 4.6's ONNX importer.

    - Clip (opset >= 11) takes min/max as inputs; OpenCV 4.6 accepts only the old attribute
      form (input_size() == 1). Constant min/max inputs become min/max attributes.
    - Identity whose input is an initializer (the exporter's deduplicated weights) fails to
      parse; its output becomes a copy of the initializer.
    The arithmetic is unchanged, so timings stay comparable. Returns (bytes, rewrites).
    """
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(model_path)
    graph = model.graph
    consts = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for n in graph.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    rewrites = 0
    keep = []
    for n in graph.node:
        if n.op_type == "Clip" and len(n.input) > 1 and all(
                not i or i in consts for i in n.input[1:]):
            attrs = {}
            for key, i in zip(("min", "max"), n.input[1:]):
                if i:
                    attrs[key] = float(consts[i].reshape(-1)[0])
            keep.append(helper.make_node("Clip", [n.input[0]], list(n.output), name=n.name,
                                         **attrs))
            rewrites += 1
        elif n.op_type == "Identity" and n.input[0] in {i.name for i in graph.initializer}:
            graph.initializer.append(numpy_helper.from_array(consts[n.input[0]], n.output[0]))
            rewrites += 1
        else:
            keep.append(n)
    del graph.node[:]
    graph.node.extend(keep)
    return model.SerializeToString(), rewrites


def load_opencv(folder, threads):
    import cv2

    cv2.setNumThreads(threads)
    data, rewrites = opencv_compat(os.path.join(folder, "model.onnx"))
    net = cv2.dnn.readNetFromONNX(np.frombuffer(data, dtype=np.uint8))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)

    def run(x):
        net.setInput(x)
        return net.forward()

    return run, "%s (%d compat rewrites)" % (cv2.__version__, rewrites)


def load_torch(folder, threads):
    import torch

    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    here = os.path.dirname(os.path.abspath(__file__))
    sys.dont_write_bytecode = True  # no scripts/__pycache__ in the checkout
    sys.path.insert(0, os.path.join(here, "..", "..", "scripts"))
    from export_torchvision import build_model

    name = os.path.basename(os.path.normpath(folder))
    model = build_model(name)

    def run(x):
        with torch.no_grad():
            y = model(torch.from_numpy(x))
        return y.numpy()

    return run, torch.__version__


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("opencv", "torch"):
        sys.stderr.write(__doc__)
        return 2
    runtime, folder, threads, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    x = np.load(os.path.join(folder, "input_0.npy"))
    expected = np.load(os.path.join(folder, "output_0.npy"))

    t0 = time.perf_counter()
    run, version = (load_opencv if runtime == "opencv" else load_torch)(folder, threads)
    load_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    y = run(x)
    first_run_ms = (time.perf_counter() - t0) * 1e3
    if y.size != expected.size:
        raise ValueError("output has %d values, output_0.npy %d" % (y.size, expected.size))
    diff = float(np.max(np.abs(y.reshape(-1).astype(np.float64) - expected.reshape(-1))))
    for _ in range(warmup):
        run(x)
    send({"ready": True, "load_ms": load_ms, "first_run_ms": first_run_ms,
          "max_abs_diff": diff, "version": version})

    for line in sys.stdin:
        words = line.split()
        if words and words[0] == "quit":
            break
        if len(words) < 2 or words[0] != "run":
            send({"error": "unknown command %s" % line.strip()})
            continue
        n = max(1, int(words[1]))
        budget = float(words[2]) if len(words) > 2 else float("inf")
        run(x)
        times, total = [], 0.0
        while len(times) < n and (not times or total < budget):
            s = time.perf_counter()
            run(x)
            t = (time.perf_counter() - s) * 1e3
            times.append(t)
            total += t
        send({"times_ms": times})
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # report to the driver instead of a traceback it cannot parse
        # cv2.error puts the useful part (which node, which check) on its last lines.
        lines = [l.strip("> ").strip() for l in str(e).splitlines() if l.strip("> ").strip()]
        send({"error": "%s: %s" % (type(e).__name__, " | ".join(lines[-2:])[:400])})
        sys.exit(1)
