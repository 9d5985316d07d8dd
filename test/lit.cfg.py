# lit configuration of eecc's tests: .mlir files under test/ run with eecc's tools.
import os

import lit.formats

config.name = "eecc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "README.md", "unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.eecc_obj_root, "test")

# eecc's tools first, then FileCheck/not/count from LLVM 19.
path = [config.eecc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
config.substitutions.append(("%eecc_src_root", config.eecc_src_root))
config.substitutions.append(("%python", config.python_executable))
# Debian's interpreter, which has python3-onnx (the first python3 on PATH may not).
config.substitutions.append(("%onnx_python", "/usr/bin/python3"))
