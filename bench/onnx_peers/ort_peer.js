#!/usr/bin/env node
// ONNX Runtime (npm onnxruntime-node, CPU EP) worker for bench/onnx_latency.py.
//
// usage: node ort_peer.js MODEL_FOLDER THREADS WARMUP
// MODEL_FOLDER holds model.onnx, input_0.npy, output_0.npy (scripts/export_torchvision.py).
// Loads the model once (intraOpNumThreads=THREADS, interOpNumThreads=1, sequential execution,
// all graph optimizations), runs it on input_0.npy, compares with output_0.npy, does WARMUP
// more runs, and prints one JSON line:
//   {"ready":true,"load_ms":..,"first_run_ms":..,"max_abs_diff":..,"version":".."}
// Then, for every stdin line "run N BUDGET_MS", it does one untimed run (re-warms caches after
// the other peers ran) and up to N timed runs, stopping once BUDGET_MS of timed runs have
// passed (at least one), and prints {"times_ms":[...]}. Errors print {"error":"..."}.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const ort = require('onnxruntime-node');

// Minimal .npy (v1/v2/v3, little-endian float32, C order) reader.
function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== '\x93NUMPY') {
    throw new Error(`${file}: not a .npy file`);
  }
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']*)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || descr[1] !== '<f4' || !fortran || fortran[1] !== 'False' || !shape) {
    throw new Error(`${file}: want little-endian float32 in C order, header ${header.trim()}`);
  }
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  if (buf.length - start < count * 4) throw new Error(`${file}: truncated`);
  // Copy into an aligned buffer: the data offset need not be a multiple of 4.
  const data = new Float32Array(count);
  Buffer.from(data.buffer).set(buf.subarray(start, start + count * 4));
  return {dims, data};
}

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const [folder, threadsArg, warmupArg] = process.argv.slice(2);
  const threads = Number(threadsArg || 1);
  const warmup = Number(warmupArg || 2);
  const input = readNpy(path.join(folder, 'input_0.npy'));
  const expected = readNpy(path.join(folder, 'output_0.npy'));

  let t0 = performance.now();
  const session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'), {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const loadMs = performance.now() - t0;
  const feeds = {[session.inputNames[0]]: new ort.Tensor('float32', input.data, input.dims)};
  const outName = session.outputNames[0];

  t0 = performance.now();
  const out = (await session.run(feeds))[outName];
  const firstRunMs = performance.now() - t0;
  if (out.data.length !== expected.data.length) {
    throw new Error(`output has ${out.data.length} values, output_0.npy ${expected.data.length}`);
  }
  let maxAbsDiff = 0;
  for (let i = 0; i < out.data.length; ++i) {
    const d = Math.abs(out.data[i] - expected.data[i]);
    maxAbsDiff = d > maxAbsDiff || Number.isNaN(d) ? d : maxAbsDiff;
  }
  for (let i = 0; i < warmup; ++i) await session.run(feeds);
  send({ready: true, load_ms: loadMs, first_run_ms: firstRunMs, max_abs_diff: maxAbsDiff,
        version: require('onnxruntime-node/package.json').version});

  const rl = readline.createInterface({input: process.stdin});
  for await (const line of rl) {
    const [cmd, nArg, budgetArg] = line.trim().split(/\s+/);
    if (cmd === 'quit') break;
    if (cmd !== 'run') {
      send({error: `unknown command ${line}`});
      continue;
    }
    const n = Math.max(1, Number(nArg));
    const budget = Number(budgetArg || Infinity);
    await session.run(feeds);
    const times = [];
    let total = 0;
    while (times.length < n && (times.length === 0 || total < budget)) {
      const s = performance.now();
      await session.run(feeds);
      const t = performance.now() - s;
      times.push(t);
      total += t;
    }
    send({times_ms: times});
  }
  await session.release();
}

main().catch((e) => {
  send({error: String(e && e.message ? e.message : e).split('\n')[0]});
  process.exit(1);
});
