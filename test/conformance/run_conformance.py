#!/usr/bin/python3
"""The ONNX backend node tests (Debian's libonnx-testdata) through eecc: for every case
whose operators eecc lists as supported (`eecc --list-ops`), every graph input but the
first is frozen into an initializer (weights are compile-time constants on an FPGA), and
the model runs (a) through `eecc run --float` and (b) through the generated C-simulation
built with --precision=float, compared with the expected outputs at the ONNX backend
tolerances (rtol 1e-3, atol 1e-7). The layers over NCHW feature maps take one sample
(batch 1): a case with batch N > 1 through them runs as N samples of the batch-1 model when
every operator computes samples independently; other operators take a fixed leading
dimension as data, and their cases run whole. A case eecc refuses with a clear error
(exit code 1, "error:") is "unsupported"; a crash or a wrong answer is a failure.

usage: run_conformance.py EECC WORK_DIR [--suite DIR]... [--filter REGEX] [--csim [--fixed]]
                          [--markdown docs/SupportedONNXOps.md]
docs/SupportedONNXOps.md: --csim --fixed over node, pytorch-converted and pytorch-operator.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

DATA = "/usr/share/libonnx-testdata/data"
RTOL, ATOL = 1e-3, 1e-7


def supported_ops(eecc):
    """{operator: eecc's notes on it} from `eecc --list-ops`."""
    text = subprocess.run([eecc, "--list-ops"], capture_output=True, text=True, check=True).stdout
    ops = {}
    for line in text.splitlines()[2:]:
        if line.strip():
            fields = line.split(None, 2)
            ops[fields[0]] = fields[2].strip() if len(fields) > 2 else ""
    return ops


def node_facts(graph, facts):
    """Adds each node's attribute names to facts[op_type] (subgraphs too)."""
    for node in graph.node:
        facts[node.op_type] |= {a.name for a in node.attribute}
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                node_facts(attribute.g, facts)


def ops_of(graph):
    ops = set()
    for node in graph.node:
        ops.add(node.op_type)
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                ops |= ops_of(attribute.g)
    return ops


def load_tensor(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def freeze(model, inputs):
    """Every graph input but the first (not already an initializer) becomes an initializer.
    Before IR version 4 every initializer must also be listed as a graph input."""
    initializers = {i.name for i in model.graph.initializer}
    activations = [i for i in model.graph.input if i.name not in initializers]
    for position, graph_input in enumerate(activations[1:], start=1):
        model.graph.initializer.append(numpy_helper.from_array(inputs[position], graph_input.name))
    keep = [activations[0]] if activations else []
    if model.ir_version < 4:
        keep += [i for i in model.graph.input if i.name in initializers]
        keep += activations[1:]
    del model.graph.input[:]
    model.graph.input.extend(keep)
    return model


# Operators whose samples are computed independently (inference): a batch of N through
# them equals N batches of 1, so a case with batch N > 1 runs as N samples of a batch-1
# model (eecc compiles batch 1). Softmax and Flatten only when their axis is not 0.
# Only the layers over NCHW feature maps take one sample at a time; other operators treat a
# fixed leading dimension as data, and such cases run whole.
ONE_SAMPLE = {"Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "LRN"}
PER_SAMPLE = {"Relu", "LeakyRelu", "Clip", "Conv", "MaxPool", "AveragePool", "GlobalAveragePool",
              "BatchNormalization", "LRN", "Dropout", "Identity", "Gemm", "MatMul", "Softmax",
              "Flatten"}


def per_sample_model(model, batch):
    """The model for one sample of a batch-`batch` case, or None when its operators do not
    compute samples independently (or an output does not carry the batch first)."""
    graph = model.graph
    for node in graph.node:
        if node.op_type not in PER_SAMPLE:
            return None
        axis = next((a.i for a in node.attribute if a.name == "axis"), None)
        if node.op_type in ("Softmax", "Flatten") and axis == 0:
            return None
        if node.op_type == "Gemm" and any(a.name == "transA" and a.i for a in node.attribute):
            return None  # A's rows are not the samples
    rewritten = onnx.ModelProto()
    rewritten.CopyFrom(model)
    del rewritten.graph.value_info[:]
    for value in list(rewritten.graph.input[:1]) + list(rewritten.graph.output):
        dims = value.type.tensor_type.shape.dim
        if not dims or dims[0].dim_value != batch:
            return None
        dims[0].dim_value = 1
    return rewritten


def close(actual, expected):
    actual = np.asarray(actual, dtype=np.float64).ravel()
    expected = np.asarray(expected, dtype=np.float64).ravel()
    if actual.shape != expected.shape:
        return False, f"{actual.size} values, expected {expected.size}"
    bad = ~(np.abs(actual - expected) <= ATOL + RTOL * np.abs(expected))
    bad &= ~(np.isnan(actual) & np.isnan(expected))
    if bad.any():
        i = int(np.argmax(bad))
        return False, f"value {i}: {actual[i]!r}, expected {expected[i]!r}"
    return True, ""


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def refused(result):
    """A clean refusal: exit code 1 and an error line (never a signal)."""
    return result.returncode == 1 and "error:" in result.stderr


def run_case(eecc, case_dir, work, csim, fixed_point):
    name = os.path.basename(case_dir)
    model = onnx.load(os.path.join(case_dir, "model.onnx"))
    data_dir = os.path.join(case_dir, "test_data_set_0")
    inputs = [load_tensor(os.path.join(data_dir, f"input_{i}.pb"))
              for i in range(len([f for f in os.listdir(data_dir) if f.startswith("input_")]))]
    outputs = [load_tensor(os.path.join(data_dir, f"output_{i}.pb"))
               for i in range(len([f for f in os.listdir(data_dir) if f.startswith("output_")]))]
    case_work = os.path.join(work, name)
    shutil.rmtree(case_work, ignore_errors=True)
    os.makedirs(case_work)
    frozen = os.path.join(case_work, name + ".onnx")
    model = freeze(model, inputs)
    sample = os.path.join(case_work, "input.bin")
    if not inputs or inputs[0].dtype != np.float32:
        first = "no input" if not inputs else f"a {inputs[0].dtype} input"
        return "unsupported", f"{first} (eecc reads float32 samples)", None
    count = 1
    batch = inputs[0].shape[0] if inputs[0].ndim > 1 else 1
    if batch > 1 and ops_of(model.graph) & ONE_SAMPLE:
        single = per_sample_model(model, batch)
        if single is not None:
            model, count = single, batch
    onnx.save(model, frozen)
    inputs[0].astype("<f4").tofile(sample)  # N samples of batch 1, one after the other
    expected = outputs[-1]  # eecc's final exit: the last graph output
    per_sample = expected.size // count
    result_json = os.path.join(case_work, "run.json")
    result = run([eecc, "run", frozen, "--input", sample, "--count", str(count), "--output",
                  result_json, "--float", "--quiet"], timeout=120)
    if result.returncode < 0 or (result.returncode != 0 and not refused(result)):
        return "crash", f"eecc run: exit {result.returncode}: {result.stderr.strip()[:300]}", None
    if result.returncode != 0:
        return "unsupported", result.stderr.strip().splitlines()[0][:300], None
    with open(result_json) as f:
        logits = [v for sample_result in json.load(f)["samples"] for v in sample_result["logits"]]
    ok, why = close(logits, expected)
    if not ok:
        return "failed", f"eecc run: {why}", None
    csim_state = None
    if csim:
        project = os.path.join(case_work, "project")
        result = run([eecc, frozen, "-o", project, "--precision=float", "--quiet"], timeout=120)
        if result.returncode != 0:
            kind = "unsupported" if refused(result) else "crash"
            return ("crash" if kind == "crash" else "failed"), \
                f"interpreter ran it but the emitter {'crashed' if kind == 'crash' else 'refused'}: " \
                f"{result.stderr.strip()[:300]}", None
        result = run(["make", "-s", "-C", os.path.join(project, "csim")], timeout=300)
        if result.returncode != 0:
            return "failed", f"C-sim build: {result.stderr.strip()[:300]}", None
        tb_json = os.path.join(case_work, "tb.json")
        result = run([os.path.join(project, "csim", "tb"), "--input", sample, "--count", str(count),
                      "--output", tb_json], timeout=120)
        if result.returncode != 0:
            return "crash", f"C-sim: exit {result.returncode}", None
        with open(tb_json) as f:
            tb_logits = [v for sample_result in json.load(f)["samples"]
                         for v in sample_result["logits"][:per_sample]]
        ok, why = close(tb_logits, expected)
        if not ok:
            return "failed", f"C-sim: {why}", None
        csim_state = "passed"
        fixed = fixed_point_error(eecc, frozen, sample, count, case_work, expected) \
            if fixed_point else None
        if fixed:
            csim_state += "; " + fixed
    return "passed", "", csim_state


def fixed_point_error(eecc, frozen, sample, count, case_work, expected):
    """The 16-bit fixed-point C-simulation of a passing case (formats calibrated on the
    case's own input): its largest error against the expected output, next to the
    quantization step (LSB) of the output's format. Informative, never a failure."""
    project = os.path.join(case_work, "fixed")
    result = run([eecc, frozen, "-o", project, "--calibration", sample, "--quiet"], timeout=120)
    if result.returncode != 0:
        return "fixed point: not compiled (" + result.stderr.strip().splitlines()[0][:120] + ")"
    if run(["make", "-s", "-C", os.path.join(project, "csim")], timeout=300).returncode != 0:
        return "fixed point: C-sim build failed"
    tb_json = os.path.join(case_work, "tb-fixed.json")
    if run([os.path.join(project, "csim", "tb"), "--input", sample, "--count", str(count),
            "--output", tb_json], timeout=120).returncode != 0:
        return "fixed point: C-sim failed"
    per_sample = expected.size // count
    with open(tb_json) as f:
        values = np.asarray([v for sample_result in json.load(f)["samples"]
                             for v in sample_result["logits"][:per_sample]], dtype=np.float64)
    with open(os.path.join(project, "report.json")) as f:
        layers = json.load(f)["quantization"] or []
    step = None
    if layers:
        m = re.match(r"ap_fixed<(\d+), (-?\d+)", layers[-1].get("type", ""))
        if m:
            step = 2.0 ** -(int(m.group(1)) - int(m.group(2)))
    error = float(np.max(np.abs(values - expected.astype(np.float64).ravel())))
    return f"fixed point: max error {error:.3g}" + (f" (LSB {step:.3g})" if step else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("eecc")
    parser.add_argument("work")
    parser.add_argument("--suite", action="append", default=None)
    parser.add_argument("--filter", default="")
    parser.add_argument("--csim", action="store_true", help="also the float C-simulation")
    parser.add_argument("--fixed", action="store_true",
                        help="with --csim: also the 16-bit fixed-point C-simulation's error")
    parser.add_argument("--markdown")
    parser.add_argument("--jobs", type=int, default=1, help="cases run at once")
    args = parser.parse_args()
    suites = args.suite or [os.path.join(DATA, "node")]
    supported = supported_ops(args.eecc)
    pattern = re.compile(args.filter)
    per_op = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    fixed_rows = []
    passed_opsets = collections.defaultdict(set)
    passed_attributes = collections.defaultdict(set)
    cases = []  # (suite, name, model, ops) in report order
    for suite in suites:
        for name in sorted(os.listdir(suite)):
            case_dir = os.path.join(suite, name)
            if not pattern.search(name) or not os.path.isfile(os.path.join(case_dir, "model.onnx")):
                continue
            model = onnx.load(os.path.join(case_dir, "model.onnx"), load_external_data=False)
            ops = ops_of(model.graph)
            if not ops or not ops <= supported.keys():
                continue  # uses an operator eecc does not list
            cases.append((suite, name, model, ops))

    def run_one(case):
        suite, name = case[0], case[1]
        try:
            return run_case(args.eecc, os.path.join(suite, name), args.work, args.csim, args.fixed)
        except (ValueError, onnx.checker.ValidationError) as error:
            # The runner cannot read this case's data (sequences, optional types, ...).
            return "unsupported", f"runner: {error}"[:300], None

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for (suite, name, model, ops), (state, why, csim_state) in zip(cases, pool.map(run_one, cases)):
            totals[state] += 1
            for op in ops:
                per_op[op][state] += 1
            if state == "passed":
                opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
                for op in ops:
                    passed_opsets[op].add(opset)
                node_facts(model.graph, passed_attributes)
            if csim_state and "fixed point" in csim_state:
                fixed_rows.append((f"{os.path.basename(suite)}/{name}",
                                   csim_state.split("fixed point: ", 1)[1]))
            suffix = f" (C-sim {csim_state})" if csim_state else ""
            print(f"{state.upper():12} {os.path.basename(suite)}/{name}{suffix}{': ' + why if why else ''}")
    print(f"{sum(totals.values())} cases: {totals['passed']} passed, {totals['unsupported']} "
          f"unsupported, {totals['failed']} failed, {totals['crash']} crashed")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("# ONNX operators: conformance of eecc\n\nGenerated by "
                    "`test/conformance/run_conformance.py` (do not edit): the ONNX backend "
                    "test cases of Debian's libonnx-testdata 1.12 (" +
                    ", ".join(os.path.basename(s) for s in suites) + ") whose operators "
                    "eecc lists, each run through `eecc run --float`" +
                    (" and the float C-simulation" if args.csim else "") +
                    f" against the expected outputs (rtol {RTOL:g}, atol {ATOL:g}). "
                    "Unsupported: eecc refused the case with an error (a rank, dtype, batch "
                    "or attribute value it does not support). Opsets and attributes: those "
                    "of the passing cases; eecc's notes: `eecc --list-ops`.\n\n"
                    f"{sum(totals.values())} cases: {totals['passed']} passed, "
                    f"{totals['unsupported']} unsupported, {totals['failed']} failed, "
                    f"{totals['crash']} crashed.\n\n"
                    "| operator | passed | unsupported | failed | opsets passed | attributes "
                    "passed | eecc's notes |\n|---|---|---|---|---|---|---|\n")
            for op in sorted(per_op):
                c = per_op[op]
                opsets = ", ".join(str(v) for v in sorted(passed_opsets[op])) or "-"
                attributes = ", ".join(sorted(passed_attributes[op])) or "-"
                f.write(f"| {op} | {c['passed']} | {c['unsupported']} | {c['failed'] + c['crash']} "
                        f"| {opsets} | {attributes} | {supported.get(op, '')} |\n")
            if fixed_rows:
                f.write("\n## What 16 bits cost\n\nThe passing cases again, in eecc's default "
                        "16-bit fixed point (formats calibrated on the case's own input): the "
                        "largest error of the fixed-point C-simulation against the expected "
                        "output, next to the quantization step (LSB) of the output's format.\n\n"
                        "| case | fixed point |\n|---|---|\n")
                for case, text in fixed_rows:
                    f.write(f"| {case} | {text} |\n")
    return 1 if totals["failed"] or totals["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
