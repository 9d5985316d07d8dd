"""Stub of the Vitis Python API (the calls build_sw.py makes): checks keyword arguments
and files, records every call in $EECC_STUB_LOG, writes what the real API would."""
import os


def _record(*words):
    with open(os.environ["EECC_STUB_LOG"], "a", encoding="utf-8") as log:
        log.write(" ".join(str(w) for w in words) + "\n")


def _need(kwargs, *names, allowed=()):
    for name in names:
        if name not in kwargs:
            raise TypeError(f"stub vitis: missing argument {name}")
    for name in kwargs:
        if name not in names and name not in allowed:
            raise TypeError(f"stub vitis: unexpected argument {name}")


class _Platform:
    def __init__(self, workspace, name):
        self.workspace, self.name = workspace, name

    def build(self):
        _record("platform.build", self.name)
        xpfm = os.path.join(self.workspace, self.name, "export", self.name, self.name + ".xpfm")
        os.makedirs(os.path.dirname(xpfm), exist_ok=True)
        open(xpfm, "w").close()
        return 0


class _App:
    def __init__(self, workspace, name):
        self.workspace, self.name, self.sources = workspace, name, []

    def import_files(self, **kwargs):
        _need(kwargs, "from_loc", "files", allowed=("dest_dir_in_cmp",))
        for f in kwargs["files"]:
            path = os.path.join(kwargs["from_loc"], f)
            if not os.path.isfile(path):
                raise FileNotFoundError(f"stub vitis: import_files: no {path}")
            self.sources.append(f)
        _record("app.import_files", len(kwargs["files"]))

    def build(self):
        if "main.c" not in self.sources:
            raise RuntimeError("stub vitis: app.build without main.c")
        _record("app.build", self.name)
        elf = os.path.join(self.workspace, self.name, "build", self.name + ".elf")
        os.makedirs(os.path.dirname(elf), exist_ok=True)
        open(elf, "w").close()
        return 0


class _Client:
    workspace = None

    def set_workspace(self, **kwargs):
        _need(kwargs, "path")
        self.workspace = kwargs["path"]
        _record("client.set_workspace")

    def create_platform_component(self, **kwargs):
        _need(kwargs, "name", "hw_design", "os", "cpu", allowed=("domain_name",))
        if self.workspace is None:
            raise RuntimeError("stub vitis: create_platform_component before set_workspace")
        if not os.path.isfile(kwargs["hw_design"]):
            raise FileNotFoundError(f"stub vitis: no {kwargs['hw_design']}")
        _record("client.create_platform_component", kwargs["os"], kwargs["cpu"])
        return _Platform(self.workspace, kwargs["name"])

    def create_app_component(self, **kwargs):
        _need(kwargs, "name", "platform", "domain", allowed=("template",))
        if not os.path.isfile(kwargs["platform"]):
            raise FileNotFoundError(f"stub vitis: no platform {kwargs['platform']}")
        _record("client.create_app_component", kwargs["domain"], kwargs.get("template", ""))
        return _App(self.workspace, kwargs["name"])


def create_client():
    _record("vitis.create_client")
    return _Client()


def dispose():
    _record("vitis.dispose")
