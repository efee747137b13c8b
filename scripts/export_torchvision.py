#!/usr/bin/python3
"""Export torchvision classifiers to ONNX with PyTorch reference outputs.

usage: /usr/bin/python3 scripts/export_torchvision.py OUTDIR [--models a,b,...] [--batch 1]
                                                      [--force] [--threads 2]

For each model: build it with random weights (weights=None; torch seeded per model, so a
rerun gives the same weights; constant parameters randomized and BatchNorm statistics set from
random images so outputs are not vanishingly small, see make_outputs_meaningful), export it
with torch.onnx.export (opset 13, constant folding, input "input", output "output", static
shapes Bx3x224x224), then write into OUTDIR/<name>/:
  model.onnx     the exported graph
  input_0.npy    seeded uniform [0, 1) float32 input
  output_0.npy   PyTorch's float32 output for it (eager, torch.no_grad)
  meta.json      same schema as ../shared/samples/onnx/*/meta.json
A folder that already has all four files is skipped unless --force. No downloads.

Needs Debian's python3-torch, python3-torchvision, python3-onnx, python3-numpy (run it with
/usr/bin/python3, not a pyenv python). Exports use torch.set_num_threads(2) by default.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import zlib

import numpy as np

MODELS = [
    "resnet18",
    "resnet50",
    "mobilenet_v2",
    "mobilenet_v3_small",
    "efficientnet_b0",
    "squeezenet1_1",
    "shufflenet_v2_x1_0",
    "googlenet",
    "densenet121",
    "vit_b_16",
]
OPSET = 13
FILES = ("model.onnx", "input_0.npy", "output_0.npy", "meta.json")


def model_seed(name):
    # Stable across runs and Python versions (hash() is salted per process).
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


def build_model(name):
    """The torchvision model `name` with seeded random weights, in eval mode.

    Shared with bench/onnx_peers/py_peers.py, which rebuilds the same model for PyTorch timing.
    """
    import torch
    import torchvision.models as tvm

    torch.manual_seed(model_seed(name))
    kwargs = {"weights": None}
    if name == "googlenet":
        # The default (aux_logits=True) only makes sense with pretrained weights and adds
        # training-only heads; init_weights=True avoids the "will change" warning.
        kwargs.update(aux_logits=False, init_weights=True)
    model = getattr(tvm, name)(**kwargs)
    model.eval()
    make_outputs_meaningful(model, name)
    return model


def make_outputs_meaningful(model, name):
    """Turn torchvision's fresh init into weights whose outputs are worth comparing.

    Straight from the constructor, BatchNorm has running mean 0 and variance 1, so in eval mode
    it does not normalize, and activations shrink layer by layer: efficientnet_b0 and the
    mobilenets end at |output| ~1e-10, where any tolerance passes. vit_b_16's head is
    zero-initialized, so its output is exactly 0. And the exporter deduplicates identical
    initializers (all-zero biases, all-one norm scales) into Identity nodes that trained models
    do not have. So: (1) give every constant parameter random values: zero weight tensors
    normal(0, 1/sqrt(fan_in)), constant vectors (biases, norm scales and shifts) plus
    uniform(-0.1, 0.1); (2) set BatchNorm running statistics from seeded random images
    (cumulative average over two batches of 4, only the BN layers in train mode), a short
    data-dependent init. Deterministic given the seed: rebuilding gives the same weights.
    """
    import torch

    with torch.no_grad():
        for p in model.parameters():
            if p.numel() < 2 or not bool((p == p.reshape(-1)[0]).all()):
                continue
            if p.dim() >= 2 and not p.any():
                p.normal_(0.0, p[0].numel() ** -0.5)
            else:
                p.add_(torch.empty_like(p).uniform_(-0.1, 0.1))
        bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
        if bns:
            for m in bns:
                m.reset_running_stats()
                m.momentum = None  # cumulative moving average over the calibration batches
                m.train()
            rng = np.random.default_rng(model_seed(name) + 1)
            for _ in range(2):
                model(torch.from_numpy(rng.random((4, 3, 224, 224), dtype=np.float32)))
            for m in bns:
                m.momentum = 0.1
                m.eval()


def make_input(name, batch):
    rng = np.random.default_rng(model_seed(name))
    return rng.random((batch, 3, 224, 224), dtype=np.float32)


def atomic_write(path, write):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp.")
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def export_one(name, outdir, batch):
    import torch
    import torchvision

    t0 = time.monotonic()
    model = build_model(name)
    x = make_input(name, batch)
    xt = torch.from_numpy(x)
    with torch.no_grad():
        y = model(xt)
    if isinstance(y, (tuple, list)):  # GoogLeNetOutputs in train mode; not in eval
        y = y[0]
    y = y.detach().numpy().astype(np.float32)
    t_ref = time.monotonic() - t0

    os.makedirs(outdir, exist_ok=True)
    t1 = time.monotonic()

    def write_onnx(tmp):
        # Traced with grad enabled on purpose: under no_grad, torch 1.13's MultiheadAttention
        # (vit_b_16) takes its fused fast path, aten::_native_multi_head_attention, which has
        # no ONNX export. With grad on it traces the plain MatMul/Softmax composition.
        with torch.enable_grad():
            torch.onnx.export(
                model,
                xt,
                tmp,
                opset_version=OPSET,
                do_constant_folding=True,
                input_names=["input"],
                output_names=["output"],
                export_params=True,
            )

    atomic_write(os.path.join(outdir, "model.onnx"), write_onnx)
    t_export = time.monotonic() - t1

    def npy_writer(array):
        def write(tmp):
            with open(tmp, "wb") as f:  # a file object, so np.save adds no ".npy" suffix
                np.save(f, array)
        return write

    atomic_write(os.path.join(outdir, "input_0.npy"), npy_writer(x))
    atomic_write(os.path.join(outdir, "output_0.npy"), npy_writer(y))
    meta = {
        "id": "torchvision.%s" % name,
        "source": "torchvision %s models.%s(weights=None), torch.manual_seed(%d), "
        "constant parameters randomized and BatchNorm statistics calibrated "
        "(scripts/export_torchvision.py); torch.onnx.export opset %d, constant folding" % (
            torchvision.__version__.split("+")[0], name, model_seed(name), OPSET),
        "runtime": "pytorch %s (eager)" % torch.__version__.split("+")[0],
        "threads": torch.get_num_threads(),
        "inputs": [{
            "name": "input",
            "file": "input_0.npy",
            "dtype": "float32",
            "shape": list(x.shape),
            "declared_shape": list(x.shape),
            "fill": "numpy default_rng(%d).random" % model_seed(name),
        }],
        "outputs": [{
            "name": "output",
            "file": "output_0.npy",
            "dtype": "float32",
            "shape": list(y.shape),
            "all_finite": bool(np.isfinite(y).all()),
        }],
        "timing_ms": {"reference_run": round(t_ref * 1000, 3), "export": round(t_export * 1000, 3)},
        "timing_note": "reference_run: build model + one eager forward; export: torch.onnx.export",
    }

    def write_meta(tmp):
        with open(tmp, "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")

    atomic_write(os.path.join(outdir, "meta.json"), write_meta)
    return t_ref, t_export


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--models", default=",".join(MODELS),
                    help="comma-separated subset of: " + ",".join(MODELS))
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="re-export existing folders")
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    args = ap.parse_args()

    names = [m for m in args.models.split(",") if m]
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        ap.error("unknown model(s): %s (known: %s)" % (",".join(unknown), ",".join(MODELS)))
    if args.batch < 1:
        ap.error("--batch must be >= 1")

    import torch
    import warnings
    torch.set_num_threads(args.threads)
    warnings.filterwarnings("ignore", category=UserWarning)

    failed = 0
    for name in names:
        outdir = os.path.join(args.outdir, name)
        if not args.force and all(os.path.exists(os.path.join(outdir, f)) for f in FILES):
            print("%-20s skipped (exists; --force to redo)" % name, flush=True)
            continue
        t0 = time.monotonic()
        try:
            t_ref, t_export = export_one(name, outdir, args.batch)
        except Exception as e:  # keep going: one model's exporter bug should not stop the rest
            failed += 1
            print("%-20s FAILED after %.1fs: %s: %s" % (
                name, time.monotonic() - t0, type(e).__name__, e), flush=True)
            continue
        size = os.path.getsize(os.path.join(outdir, "model.onnx"))
        print("%-20s %6.1fs (reference %.1fs, export %.1fs)  model.onnx %.1f MB" % (
            name, time.monotonic() - t0, t_ref, t_export, size / 1e6), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
