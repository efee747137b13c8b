#!/usr/bin/python3
"""ONNX latency of modelbench against peer runtimes, per model and thread count.

usage: bench/onnx_latency.py MODELDIR [ROUNDS=3] [THREADS...=1 2]
                             [--peers modelbench,ort,opencv] [--models a,b]
                             [--runs 5] [--warmup 2] [--round-ms 500] [--slow-ms 5000]
                             [--json FILE]

MODELDIR holds one folder per model as scripts/export_torchvision.py writes them (model.onnx,
input_0.npy, output_0.npy). Run it alone on the machine, from anywhere. For each model and
thread count T, every peer loads the model once with T threads, checks its output for
input_0.npy against output_0.npy, and warms up; then ROUNDS rounds run the peers one after the
other (round 1: each peer once, round 2: each again...; never two at once). In each round a
peer does one untimed run and up to --runs timed runs, stopping after --round-ms of timed runs
(at least one), and reports their median; the table shows the median over rounds and
modelbench's latency divided by each peer's (below 1: modelbench is faster). A peer whose
first round's median exceeds --slow-ms is not run again for that cell (marked "*"), so one
very slow runtime cannot stretch the whole benchmark to hours.

Peers:
  modelbench  build/bin/modelbench benchmark MODEL --num_threads T --warmup 0 --format=json,
              one process per round; its load, prepare and first run (the round's untimed
              run) are excluded from its latency_ms.p50. The output check (`modelbench run`)
              is done at the first thread count only. BUILD_DIR picks another build.
  ort         ONNX Runtime, npm onnxruntime-node, CPU EP (bench/onnx_peers/ort_peer.js);
              intraOpNumThreads=T, interOpNumThreads=1, sequential, all graph optimizations.
              Install once: (cd bench/onnx_peers && npm ci --ignore-scripts)
  opencv      OpenCV dnn (Debian python3-opencv), cv2.setNumThreads(T)
  torch       PyTorch eager on the torchvision model rebuilt with the exporter's seed,
              torch.set_num_threads(T); not in the default --peers (slow to load and run:
              add it with --peers modelbench,ort,opencv,torch)
A peer that cannot load or run a model shows "unsupported" (modelbench) or "error"; the
reasons are listed under the table.

Default cost: a few minutes for the ten exported models at 1 and 2 threads on an idle
machine, much of it model loading, plus whatever vit_b_16 costs modelbench (about a minute
per run in its first ONNX build: output check + one round per thread count, see --slow-ms).
PYTHON (default /usr/bin/python3) and NODE (default node) pick the peers' interpreters.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = ("modelbench", "ort", "opencv", "torch")
DEFAULT_PEERS = ("modelbench", "ort", "opencv")


class PeerError(Exception):
    pass


class WorkerPeer:
    """A long-lived peer process speaking the line protocol of bench/onnx_peers/*."""

    def __init__(self, argv):
        # stderr to a file, not a pipe: warnings (torch, OpenCV's log) could fill a pipe
        # nobody reads and block the worker.
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, text=True, bufsize=1)
        self.ready = self._reply()

    def _reply(self):
        line = self.proc.stdout.readline()
        if not line:
            self.close()
            self.stderr.seek(0)
            err = self.stderr.read().strip().splitlines()
            raise PeerError(err[-1] if err else "exited with status %s" % self.proc.poll())
        try:
            msg = json.loads(line)
        except ValueError:
            self.close()
            raise PeerError("bad reply: %s" % line.strip()[:200])
        if "error" in msg:
            self.close()
            raise PeerError(msg["error"])
        return msg

    def round(self, runs, budget_ms):
        self.proc.stdin.write("run %d %g\n" % (runs, budget_ms))
        self.proc.stdin.flush()
        return statistics.median(self._reply()["times_ms"])

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.close()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


class ModelbenchPeer:
    """build/bin/modelbench: one `benchmark` process per round, `run` for the output check."""

    def __init__(self, binary, folder, threads, check):
        self.binary, self.model, self.threads = binary, os.path.join(folder, "model.onnx"), threads
        self.input = os.path.join(folder, "input_0.npy")
        if not os.access(binary, os.X_OK):
            raise PeerError("no %s (build it first)" % binary)
        diff = self._check(os.path.join(folder, "output_0.npy")) if check else None
        self.ready = {"max_abs_diff": diff}

    def _call(self, args):
        r = subprocess.run([self.binary] + args, capture_output=True, text=True, timeout=900)
        if r.returncode != 0:
            lines = (r.stderr or r.stdout).strip().splitlines()
            raise PeerError(lines[0] if lines else "exit status %d" % r.returncode)
        return r.stdout

    def _check(self, expected_path):
        # Max |modelbench - PyTorch| on input_0.npy; None where `run` fails but `benchmark` may
        # still work (the check is information, the benchmark the point).
        import numpy as np  # only the check needs numpy
        out = tempfile.mkdtemp(prefix="onnx_latency.")
        try:
            self._call(["run", self.model, "--input", "input=" + self.input, "--output-dir", out,
                        "--num_threads", str(self.threads)])
            files = [f for f in os.listdir(out) if f.endswith(".npy")]
            if len(files) != 1:
                return None
            got = np.load(os.path.join(out, files[0])).astype(np.float64).reshape(-1)
            want = np.load(expected_path).reshape(-1)
            return float(np.max(np.abs(got - want))) if got.size == want.size else None
        except (PeerError, ImportError, ValueError, subprocess.TimeoutExpired):
            return None
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def round(self, runs, budget_ms):
        # --warmup 0: the process's first run (reported apart, not in p50) is the round's
        # untimed run, as for the other peers; their load-time warmups have no counterpart in
        # a fresh process, but more runs here would cost minutes on slow models.
        out = self._call(["benchmark", self.model, "--num_threads", str(self.threads),
                          "--input-file", "input=" + self.input, "--runs", str(runs),
                          "--warmup", "0", "--max_time", "%g" % (budget_ms / 1e3),
                          "--format=json"])
        try:
            return float(json.loads(out)["latency_ms"]["p50"])
        except (ValueError, KeyError, TypeError):
            raise PeerError("unexpected benchmark output: %s" % out.strip()[:200])

    def close(self):
        pass


def start_peer(name, folder, threads, args, first_threads):
    python = os.environ.get("PYTHON", "/usr/bin/python3")
    if name == "modelbench":
        build = os.environ.get("BUILD_DIR", os.path.join(REPO, "build"))
        return ModelbenchPeer(os.path.join(build, "bin", "modelbench"), folder, threads,
                              check=first_threads)
    if name == "ort":
        script = os.path.join(HERE, "onnx_peers", "ort_peer.js")
        if not os.path.isdir(os.path.join(HERE, "onnx_peers", "node_modules", "onnxruntime-node")):
            raise PeerError("onnxruntime-node not installed: cd bench/onnx_peers && "
                            "npm ci --ignore-scripts")
        return WorkerPeer([os.environ.get("NODE", "node"), script, folder, str(threads),
                           str(args.warmup)])
    script = os.path.join(HERE, "onnx_peers", "py_peers.py")
    return WorkerPeer([python, script, name, folder, str(threads), str(args.warmup)])


def fmt_ms(v):
    return "%.2f" % v if v < 100 else "%.1f" % v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("modeldir")
    ap.add_argument("rounds", nargs="?", type=int, default=3)
    ap.add_argument("threads", nargs="*", type=int, default=[1, 2])
    ap.add_argument("--peers", default=",".join(DEFAULT_PEERS),
                    help="comma-separated, from: %s (default %s)" % (
                        ",".join(PEERS), ",".join(DEFAULT_PEERS)))
    ap.add_argument("--models", default="", help="comma-separated folder names (default all)")
    ap.add_argument("--runs", type=int, default=5, help="max timed runs per peer per round")
    ap.add_argument("--warmup", type=int, default=2, help="untimed runs after loading")
    ap.add_argument("--round-ms", type=float, default=500,
                    help="stop a peer's round after this many ms of timed runs")
    ap.add_argument("--slow-ms", type=float, default=5000,
                    help="a peer slower than this in round 1 gets no more rounds")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()

    peers = [p for p in args.peers.split(",") if p]
    bad = [p for p in peers if p not in PEERS]
    if bad or not peers:
        ap.error("--peers takes names from: " + ",".join(PEERS))
    if args.rounds < 1 or args.runs < 1 or args.warmup < 0 or any(t < 1 for t in args.threads):
        ap.error("rounds, --runs and threads must be >= 1, --warmup >= 0")
    models = sorted(d for d in os.listdir(args.modeldir)
                    if os.path.isfile(os.path.join(args.modeldir, d, "model.onnx")))
    if args.models:
        wanted = args.models.split(",")
        missing = [m for m in wanted if m not in models]
        if missing:
            ap.error("not in %s: %s" % (args.modeldir, ",".join(missing)))
        models = [m for m in models if m in wanted]
    if not models:
        ap.error("no <model>/model.onnx under " + args.modeldir)

    results, notes = [], {}
    for model in models:
        folder = os.path.abspath(os.path.join(args.modeldir, model))
        for threads in args.threads:
            row = {"model": model, "threads": threads, "ms": {}, "max_abs_diff": {}}
            live = {}
            for name in peers:  # load one at a time; each warms up before the next loads
                try:
                    live[name] = start_peer(name, folder, threads, args,
                                            threads == args.threads[0])
                    row["max_abs_diff"][name] = live[name].ready.get("max_abs_diff")
                except PeerError as e:
                    row["ms"][name] = None
                    notes.setdefault((name, str(e)), []).append(model)
            samples = {name: [] for name in live}
            for _ in range(args.rounds):
                for name in list(live):
                    if samples[name] and samples[name][0] > args.slow_ms:
                        if name not in row.setdefault("cut_short", []):
                            row["cut_short"].append(name)
                        continue
                    try:
                        samples[name].append(live[name].round(args.runs, args.round_ms))
                    except (PeerError, subprocess.TimeoutExpired, OSError) as e:
                        live.pop(name).close()
                        row["ms"][name] = None
                        notes.setdefault((name, str(e)), []).append(model)
            for name, peer in live.items():
                peer.close()
                row["ms"][name] = statistics.median(samples[name])
                row.setdefault("rounds_ms", {})[name] = samples[name]
            results.append(row)
            print_row(row, peers, header=len(results) == 1)

    if any(r.get("cut_short") for r in results):
        print("\n* one round only: slower than --slow-ms %g" % args.slow_ms)
    if notes:
        print("\nnot measured:")
        for (name, why), ms in notes.items():
            print("  %s on %s: %s" % (name, ",".join(sorted(set(ms))), why))
    print("\nmax |output - output_0.npy| (PyTorch reference) per peer:")
    for row in results:
        if row["threads"] == args.threads[0]:
            print("  %-20s %s" % (row["model"], "  ".join(
                "%s %s" % (n, "-" if d is None else "%.2g" % d)
                for n, d in row["max_abs_diff"].items())))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": args.rounds, "runs": args.runs, "warmup": args.warmup,
                       "round_ms": args.round_ms, "results": results}, f, indent=1)
    return 0


def print_row(row, peers, header):
    others = [p for p in peers if p != "modelbench"]
    if header:
        cols = ["%-20s %3s" % ("model", "thr")] + ["%11s" % p for p in peers]
        if "modelbench" in peers:
            cols += ["%11s" % ("mb/" + p) for p in others]
        print("latency, median ms (lower is better); mb/X = modelbench ms / X ms")
        print(" ".join(cols))
    cells = ["%-20s %3d" % (row["model"], row["threads"])]
    for p in peers:
        v = row["ms"].get(p)
        mark = "*" if p in row.get("cut_short", ()) else ""
        cells.append("%11s" % (fmt_ms(v) + mark if v is not None else
                               "unsupported" if p == "modelbench" else "error"))
    if "modelbench" in peers:
        mb = row["ms"].get("modelbench")
        for p in others:
            v = row["ms"].get(p)
            cells.append("%11s" % ("%.2f" % (mb / v) if mb and v else "-"))
    print(" ".join(cells), flush=True)


if __name__ == "__main__":
    sys.exit(main())
