#!/usr/bin/python3
"""Every committed zoo model x exit placement (pipeline, parallel) x HLS flow (classic,
unified): compiles the project and runs `make -C OUT/scripts all` under the vendor-tool
stubs, then checks that the essential calls happened in order. Prints one line per run.

usage: run_flows.py EECC STUB_BIN ZOO_DIR WORK_DIR
"""
import os
import shutil
import subprocess
import sys

MODELS = [("b_lenet", "fmnist_1x28x28_64.bin"), ("b_lenet_if", "fmnist_1x28x28_64.bin"),
          ("b_alexnet", "fmnist_3x32x32_64.bin"), ("b_resnet32", "fmnist_3x32x32_64.bin")]

# The calls each flow must make, in this order (prefixes of lines of the stub's log).
ESSENTIAL = {
    "classic": ["vitis-run --mode hls --tcl", "open_project -reset", "set_top eecc_ip",
                "open_solution -reset -flow_target vivado", "set_part xczu7ev-ffvc1156-2-e",
                "create_clock -period 5", "csim_design -argv", "csynth_design",
                "export_design -format ip_catalog"],
    "unified": ["v++ -c --mode hls --config", "cfg synth eecc_ip",
                "vitis-run --mode hls --csim --config", "cfg csim eecc_ip"],
}
COMMON = ["vivado -mode batch", "create_project -force", "update_ip_catalog -add_ip",
          "create_bd_design", "create_bd_cell -type ip -vlnv xilinx.com:ip:zynq_ultra_ps_e",
          "create_bd_cell -type ip -vlnv eecc.dev:hls:eecc_ip:1.0", "assign_bd_address",
          "validate_bd_design", "launch_runs synth_1", "launch_runs impl_1",
          "report_timing_summary", "write_hw_platform -fixed -include_bit",
          "vitis -s", "client.create_platform_component standalone psu_cortexa53_0",
          "client.create_app_component", "app.build", "vitis.dispose"]


def in_order(lines, expected):
    position = 0
    for prefix in expected:
        while position < len(lines) and not lines[position].startswith(prefix):
            position += 1
        if position == len(lines):
            return prefix
        position += 1
    return None


def main():
    eecc, stub_bin, zoo, work = sys.argv[1:5]
    failures = 0
    for model, data in MODELS:
        for placement in ("pipeline", "parallel"):
            out = os.path.join(work, f"{model}-{placement}")
            subprocess.run([eecc, os.path.join(zoo, "models", model + ".onnx"), "-o", out,
                            "--force", "--calibration", os.path.join(zoo, "data", data),
                            "--calibration-count", "4", "--test-count", "2",
                            f"--exit-mode={placement}", "--binding=dedicated", "--allow-overfit",
                            "--quiet"], check=True)
            for flow in ("classic", "unified"):
                shutil.rmtree(os.path.join(out, "build"), ignore_errors=True)
                log = os.path.join(work, f"{model}-{placement}-{flow}.log")
                env = dict(os.environ, PATH=f"{stub_bin}:/usr/bin:/bin", EECC_STUB_LOG=log)
                result = subprocess.run(["make", "-s", "-C", os.path.join(out, "scripts"), "all",
                                         f"FLOW={flow}"], env=env, capture_output=True, text=True)
                lines = open(log, encoding="utf-8").read().splitlines() if os.path.exists(log) else []
                missing = in_order(lines, ESSENTIAL[flow] + COMMON)
                with open(os.path.join(out, "scripts", "options.tcl"), encoding="utf-8") as f:
                    placed = f"in exit order: {placement}" in f.read()
                ok = result.returncode == 0 and missing is None and placed
                failures += not ok
                detail = "" if ok else (f": exit {result.returncode}, missing '{missing}', "
                                        f"placement recorded {placed}\n{result.stderr[-2000:]}")
                print(f"{'PASS' if ok else 'FAIL'} {model} {placement} {flow}{detail}")
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
