#!/usr/bin/python3
"""The synthesis path of generated projects compiled against Xilinx's own ap_fixed and
hls_stream C-simulation headers (what Vitis C-simulation runs), answering exactly as the
host C-simulation (eecc::fixed): every committed zoo model, dedicated binding with its
exits in pipeline and in parallel, and engine binding (pipeline; it has no parallel exits).

usage: ap_fixed_csim.py EECC ZOO_DIR HEADERS WORK [MODEL.onnx SAMPLES COUNT ...]
With MODEL triples, those models instead of the zoo's. HEADERS holds xilinx-ap-types/include and xilinx-hls-stream (../shared/third_party).
Prints one line per design: "<model> <binding> <placement>: N samples identical".
"""
import filecmp
import os
import subprocess
import sys

MODELS = [("b_lenet", "fmnist_1x28x28_64.bin", 16), ("b_lenet_if", "fmnist_1x28x28_64.bin", 16),
          ("b_alexnet", "fmnist_3x32x32_64.bin", 4), ("b_resnet32", "fmnist_3x32x32_64.bin", 4)]
DESIGNS = [("dedicated", "pipeline"), ("dedicated", "parallel"), ("engine", "pipeline")]


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAILED: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    return result.stdout


def main():
    eecc, zoo, headers, work = sys.argv[1:5]
    extra = sys.argv[5:]
    if len(extra) % 3:
        sys.exit("models come in triples: MODEL.onnx SAMPLES COUNT")
    models = [(os.path.join(zoo, "models", model + ".onnx"), os.path.join(zoo, "data", data), count)
              for model, data, count in MODELS]
    if extra:
        models = [(extra[i], extra[i + 1], int(extra[i + 2])) for i in range(0, len(extra), 3)]
    failures = 0
    for path, samples, count in models:
        model = os.path.splitext(os.path.basename(path))[0]
        for binding, placement in DESIGNS:
            out = os.path.join(work, f"{model}-{binding}-{placement}")
            run([eecc, path, "-o", out, "--force",
                 f"--binding={binding}", f"--exit-mode={placement}",
                 "--calibration", samples, "--calibration-count", "8", "--allow-overfit", "--quiet"])
            hls = os.path.join(out, "hls")
            # The host C-simulation (eecc::fixed) and the ap_fixed one, same sources.
            results = []
            for name, flags in (("host", ["-std=c++17"]),
                                ("ap_fixed", ["-std=c++14", "-DEECC_USE_AP_FIXED",
                                              "-I" + os.path.join(headers, "xilinx-ap-types", "include"),
                                              "-I" + os.path.join(headers, "xilinx-hls-stream")])):
                tb = os.path.join(out, f"tb_{name}")
                weights = os.path.join(hls, "weights.bin")
                run(["g++", "-O2", "-ffp-contract=off", "-w", *flags, "-I" + hls,
                     f'-DEECC_WEIGHTS_FILE="{weights}"', "-o", tb,
                     os.path.join(out, "csim", "tb.cpp"), os.path.join(hls, "eecc_top.cpp"),
                     os.path.join(hls, "eecc_ip.cpp"), "-lm"])
                result = os.path.join(out, f"{name}.json")
                run([tb, "--input", samples, "--count", str(count), "--output", result])
                results.append(result)
            same = filecmp.cmp(*results, shallow=False)
            failures += not same
            print(f"{model} {binding} {placement}: {count} samples "
                  f"{'identical' if same else 'DIFFER'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
