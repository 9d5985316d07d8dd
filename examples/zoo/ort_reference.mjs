#!/usr/bin/env node
// Reference outputs of an ONNX model with onnxruntime-node (CPU execution provider).
//
//   node examples/zoo/ort_reference.mjs --model M.onnx --input X.bin --shape 1,1,28,28 \
//        [--count N] [--out OUT.json] [--node-modules DIR]
//
// X.bin holds raw little-endian float32 samples, one after the other, each of the given
// shape (batch 1). The samples are run one at a time (the models have static batch 1).
// OUT.json (stdout when --out is absent):
//   { "model": "b_lenet.onnx", "input": "fmnist_1x28x28_64.bin", "shape": [1,1,28,28],
//     "count": 64, "ort_version": "1.20.1", "outputs": ["exit0", "final"],
//     "samples": [ { "exit0": [10 floats], "final": [10 floats] }, ... ] }
// Every float is written in the shortest decimal form that reads back as the same float32.
// onnxruntime-node is loaded from --node-modules, else $EECC_NODE_MODULES, else the output
// of scripts/npm-deps.sh (which installs it into a cache folder outside the clone).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function usage(msg) {
  if (msg) console.error(`ort_reference: ${msg}`);
  console.error('usage: node ort_reference.mjs --model M.onnx --input X.bin --shape 1,C,H,W ' +
                '[--count N] [--out OUT.json] [--node-modules DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {};
  const known = new Set(['model', 'input', 'shape', 'count', 'out', 'node-modules']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) usage(`unexpected argument '${a}'`);
    let key = a.slice(2);
    let value;
    const eq = key.indexOf('=');
    if (eq >= 0) {
      value = key.slice(eq + 1);
      key = key.slice(0, eq);
    } else {
      value = argv[++i];
    }
    if (!known.has(key)) usage(`unknown option '--${key}'`);
    if (value === undefined) usage(`option '--${key}' needs a value`);
    opts[key] = value;
  }
  for (const k of ['model', 'input', 'shape']) if (!opts[k]) usage(`--${k} is required`);
  return opts;
}

// Shortest decimal string that parses back to the same float32 value.
function f32String(v) {
  if (!Number.isFinite(v)) return null;  // JSON has no NaN/Inf; never expected here
  for (let p = 1; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return Number(s);
  }
  return v;
}

function nodeModulesDir(opts) {
  if (opts['node-modules']) return opts['node-modules'];
  if (process.env.EECC_NODE_MODULES) return process.env.EECC_NODE_MODULES;
  const out = execFileSync('bash', [path.join(repo, 'scripts', 'npm-deps.sh')],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const shape = opts.shape.split(',').map((d) => Number.parseInt(d, 10));
  if (shape.some((d) => !(d > 0))) usage(`bad --shape '${opts.shape}'`);
  const perSample = shape.reduce((a, b) => a * b, 1);

  const buf = readFileSync(opts.input);
  if (buf.length % (4 * perSample) !== 0) {
    usage(`${opts.input}: ${buf.length} bytes is not a whole number of ${shape.join('x')} ` +
          'float32 samples');
  }
  const available = buf.length / (4 * perSample);
  const count = opts.count === undefined ? available : Number.parseInt(opts.count, 10);
  if (!(count >= 1 && count <= available)) {
    usage(`--count ${opts.count}: the input holds ${available} samples`);
  }
  // Copy into an aligned little-endian Float32Array.
  const data = new Float32Array(available * perSample);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(4 * i, true);

  const require = createRequire(import.meta.url);
  const ort = require(path.join(nodeModulesDir(opts), 'onnxruntime-node'));
  const session = await ort.InferenceSession.create(opts.model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  if (session.inputNames.length !== 1) {
    throw new Error(`${opts.model}: expected one input, got ${session.inputNames.join(', ')}`);
  }
  const inputName = session.inputNames[0];
  const outputs = session.outputNames;

  const samples = [];
  for (let s = 0; s < count; s++) {
    const x = new ort.Tensor('float32', data.slice(s * perSample, (s + 1) * perSample), shape);
    const result = await session.run({ [inputName]: x });
    const entry = {};
    for (const name of outputs) {
      const t = result[name];
      if (t.type === 'int64') {
        // An exit's index (an If exit returning (logits, exit_id)): small integers.
        entry[name] = Array.from(t.data, (v) => Number(v));
        continue;
      }
      if (t.type !== 'float32') throw new Error(`output ${name} has type ${t.type}`);
      entry[name] = Array.from(t.data, f32String);
    }
    samples.push(entry);
  }

  const doc = {
    model: path.basename(opts.model),
    input: path.basename(opts.input),
    shape,
    count,
    ort_version: ort.env.versions?.node ?? 'unknown',
    outputs,
    samples,
  };
  // One sample per line: readable diffs, compact file.
  const lines = samples.map((s) => '  ' + JSON.stringify(s));
  const head = JSON.stringify({ ...doc, samples: undefined });
  const text = head.slice(0, -1) + ',\n "samples": [\n' + lines.join(',\n') + '\n ]}\n';
  JSON.parse(text);  // self-check
  if (opts.out) {
    writeFileSync(opts.out, text);
    console.error(`ort_reference: ${opts.model}: ${count} samples, outputs ` +
                  `[${outputs.join(', ')}] -> ${opts.out}`);
  } else {
    process.stdout.write(text);
  }
}

main().catch((err) => {
  console.error(`ort_reference: ${err.stack || err}`);
  process.exit(1);
});
