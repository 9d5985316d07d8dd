#!/usr/bin/python3
"""Builds and runs a project whose path holds spaces, quotes, $( ), backticks and a comma
(in the project's name and in a parent directory), with argument lists (no shell in
between): eecc, `make -C OUT/csim` and tb, `make -C OUT/scripts all` (and the unified
HLS flow) under the vendor-tool stubs, `make -C OUT/runtime host` and its app. Prints
what each step answered; then every file named CANARY* under WORK (a command hidden in
the path ran) and an exit code of 1 if there is any.

usage: hostile_paths.py EECC MODEL SAMPLES STUB_BIN WORK
"""
import os
import subprocess
import sys

PARENT = "d i'r $(touch CANARY1),x??/\\y#%"
PROJECT = "o'; touch CANARY2; '\"`touch CANARY3`"


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        print(f"FAILED ({result.returncode}): {command}\n{result.stdout}{result.stderr}")
        sys.exit(1)
    return result.stdout


def main():
    eecc, model, samples, stub_bin, work = sys.argv[1:6]
    parent = os.path.join(work, PARENT)
    os.makedirs(parent)
    project = os.path.join(parent, PROJECT)
    run([eecc, model, "-o", PROJECT, "--precision=float", "--test-input", samples, "--quiet"],
        cwd=parent)
    run(["make", "-s", "-C", os.path.join(project, "csim")])
    print(run([os.path.join(project, "csim", "tb"), "--input", samples, "--count", "2",
               "--output", os.path.join(work, "r.json")]).strip())
    for flow, goal in (("classic", "all"), ("unified", "hls")):
        log = os.path.join(work, f"stub-{flow}.log")
        env = dict(os.environ, PATH=f"{stub_bin}:/usr/bin:/bin", EECC_STUB_LOG=log)
        run(["make", "-s", "-C", os.path.join(project, "scripts"), "clean", goal, f"FLOW={flow}"],
            env=env)
        with open(log) as f:
            for line in f:
                if line.startswith(("vitis-run --mode hls --tcl", "v++ -c", "vivado -mode",
                                    "vitis -s")):
                    print(line.rstrip().replace(work, "WORK"))
    run(["make", "-s", "-C", os.path.join(project, "runtime"), "host"])
    print(run([os.path.join(project, "runtime", "build-host", "eecc_app")]).strip().splitlines()[-2])
    canaries = [os.path.join(d, f) for d, _, files in os.walk(work) for f in files
                if f.startswith("CANARY")]
    canaries += [f for f in os.listdir(".") if f.startswith("CANARY")]
    print(f"canaries: {len(canaries)}")
    sys.exit(1 if canaries else 0)


if __name__ == "__main__":
    main()
