# build_sw.py: the board application with the Vitis Python API (Vitis 2023.2+):
#   vitis -s build_sw.py
# A standalone platform on psu_cortexa53_0 from the .xsa that build_bd.tcl wrote, and an
# application component from OUT/runtime/src. Older Vitis: xsct build_sw_xsct.tcl.
import json
import os
import sys

import vitis

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(SCRIPTS)


def main():
    with open(os.path.join(SCRIPTS, "options.json"), encoding="utf-8") as f:
        options = json.load(f)
    xsa = os.path.join(ROOT, options["xsa"])
    if not os.path.isfile(xsa):
        print(f"eecc: ERROR: {xsa} is missing: run the bitstream step first (make xsa)")
        return 1
    workspace = os.path.join(ROOT, "build", "vitis")
    source_dir = os.path.join(ROOT, "runtime", "src")
    client = vitis.create_client()
    try:
        client.set_workspace(path=workspace)
        platform = client.create_platform_component(
            name=options["platform"], hw_design=xsa, os="standalone",
            cpu=options["cpu"], domain_name=options["domain"])
        platform.build()
        xpfm = os.path.join(workspace, options["platform"], "export", options["platform"],
                            options["platform"] + ".xpfm")
        app = client.create_app_component(
            name=options["app"], platform=xpfm, domain=options["domain"],
            template="empty_application")
        app.import_files(from_loc=source_dir, files=options["app_sources"], dest_dir_in_cmp="src")
        app.build()
        elf = os.path.join(workspace, options["app"], "build", options["app"] + ".elf")
        print(f"eecc: built {elf}")
    finally:
        vitis.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
