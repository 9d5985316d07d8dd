# lit configuration of eecc's tests: .mlir files under test/ run with eecc's tools.
import os

import lit.formats

config.name = "eecc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "README.md", "compare_with_reference.py", "compare_runs.py", "ap_fixed_csim.py", "exit_agreement.py", "check_dataflow.py", "emit_zoo_designs.py", "agreement.py", "check_report_html.py", "check_report_render.py", "compare_app.py", "check_memory.py", "run_flows.py", "run_conformance.py", "unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.eecc_obj_root, "test")

# eecc's tools first, then FileCheck/not/count from LLVM 19.
path = [config.eecc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
config.substitutions.append(("%eecc_src_root", config.eecc_src_root))
config.substitutions.append(("%eecc_obj_root", config.eecc_obj_root))
config.substitutions.append(("%python", config.python_executable))
# B-VGG19 (83 MB) is not committed; bench/import_speed.py generates it into the cache.
vgg19 = os.path.join(os.environ.get("EECC_CACHE_DIR", os.path.expanduser("~/.cache/eecc")),
                     "zoo", "b_vgg19.onnx")
if os.path.exists(vgg19):
    config.available_features.add("zoo-vgg19")
    config.substitutions.append(("%vgg19", vgg19))

# onnxruntime-node, installed outside the clone by scripts/npm-deps.sh (scripts/test.sh).
node_modules = os.environ.get("EECC_NODE_MODULES", "")
if node_modules and os.path.isdir(os.path.join(node_modules, "onnxruntime-node")):
    config.available_features.add("onnxruntime")
    config.substitutions.append(("%node_modules", node_modules))
    config.environment["EECC_NODE_MODULES"] = node_modules

# Fashion-MNIST (Debian's dataset-fashion-mnist, installed by scripts/bootstrap.sh).
if os.path.exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"):
    config.available_features.add("fmnist")

# Sanitizer builds (scripts/sanitize.sh): their options reach every tool.
for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
if "ASAN_OPTIONS" in os.environ:
    config.available_features.add("asan")  # memory bounds do not hold under ASan

# Debian's interpreter, which has python3-onnx (the first python3 on PATH may not).
config.substitutions.append(("%onnx_python", "/usr/bin/python3"))

# Stubs of the vendor tools (test/scripts/stub): the generated Makefile and Tcl run under them.
config.substitutions.append(("%stub_bin", os.path.join(config.eecc_src_root, "test", "scripts", "stub", "bin")))
import shutil
if shutil.which("tclsh"):
    config.available_features.add("tclsh")

# The bare-metal runtime under QEMU's ZynqMP: qemu-system-aarch64, the aarch64 cross
# compiler and picolibc (scripts/bootstrap.sh installs them).
qemu_tools = ["qemu-system-aarch64", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++"]
missing = [tool for tool in qemu_tools if not shutil.which(tool)]
if not os.path.exists("/usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs"):
    missing.append("picolibc-aarch64-linux-gnu")
if missing:
    lit_config.note("the QEMU runtime tests are skipped: missing " + ", ".join(missing))
else:
    config.available_features.add("qemu")

# The ONNX backend test suite (Debian's libonnx-testdata, installed by scripts/bootstrap.sh).
onnx_testdata = "/usr/share/libonnx-testdata/data"
if os.path.isdir(os.path.join(onnx_testdata, "node")):
    config.available_features.add("onnx-testdata")
    config.substitutions.append(("%onnx_testdata", onnx_testdata))

# Xilinx's own ap_fixed/hls_stream C-simulation headers (Apache-2.0), kept beside the
# project (never copied into it): ../shared/third_party, or $EECC_XILINX_HEADERS.
xilinx_headers = os.environ.get("EECC_XILINX_HEADERS") or os.path.join(
    os.path.dirname(config.eecc_src_root), "shared", "third_party")
if os.path.exists(os.path.join(xilinx_headers, "xilinx-ap-types", "include", "ap_fixed.h")):
    config.available_features.add("xilinx-headers")
    config.substitutions.append(("%xilinx_headers", xilinx_headers))
else:
    lit_config.note("the Vitis C-simulation test (csim/ap-fixed.test) is skipped: Xilinx's "
                    "ap_fixed headers are not at " + xilinx_headers +
                    " (set EECC_XILINX_HEADERS)")

# Debian's Chromium renders report.html headless (installed by scripts/bootstrap.sh).
if os.access("/usr/bin/chromium", os.X_OK):
    config.available_features.add("chromium")
