"""Build hook: compile the generated reader and writer of Record with mypyc, when it can.

``pip install .`` and ``nox -s build`` build a wheel; where a C compiler is
found, this hook compiles ``src/frontnews/_canonical_gen.py`` and
``src/frontnews/_writer_gen.py`` with mypyc in a scratch folder (never in the
source tree) and adds the extensions to the wheel, which then is specific to
the platform and Python. The ``.py`` sources stay in the wheel: they are what
``FRONTNEWS_PURE_PYTHON=1`` runs. ``frontnews --version`` says which build runs.

``FRONTNEWS_COMPILE`` chooses: ``auto`` (the default) compiles when a C
compiler is found and falls back to a pure-Python wheel, with a warning, when
compiling fails; ``1`` must compile (a failure fails the build); ``0`` never
compiles. Editable installs (``pip install -e .``) are never compiled.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULES = ("_canonical_gen", "_writer_gen")


def _compiler() -> str | None:
    """The C compiler setuptools would use, if one is on the PATH."""
    configured = (sysconfig.get_config_var("CC") or "").split()
    names = [os.environ.get("CC", "").split()[:1], configured[:1], ["cc"], ["gcc"]]
    for name in names:
        if name and shutil.which(name[0]):
            return name[0]
    return None


class CompileHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the generated modules with mypyc and adds them to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, unless told not to or building an editable wheel."""
        choice = os.environ.get("FRONTNEWS_COMPILE", "auto").strip().lower() or "auto"
        if choice not in ("auto", "0", "1"):
            raise ValueError(f"FRONTNEWS_COMPILE must be auto, 0 or 1, not {choice!r}")
        if self.target_name != "wheel" or version == "editable" or choice == "0":
            return
        try:
            self._compile(build_data)
        except Exception as exc:
            if choice == "1":
                raise
            message = f"frontnews: building without the compiled reader ({exc})"
            print(f"WARNING: {message}", file=sys.stderr)
            self.app.display_warning(message)

    def _compile(self, build_data: dict[str, Any]) -> None:
        if _compiler() is None:
            raise RuntimeError("no C compiler found (set CC, or install gcc or clang)")
        self._scratch = tempfile.mkdtemp(prefix="frontnews-mypyc-")
        scratch = Path(self._scratch)
        shutil.copytree(Path(self.root) / "src" / "frontnews", scratch / "frontnews")
        command = [
            sys.executable,
            "-m",
            "mypyc",
            "--ignore-missing-imports",
            *(f"frontnews/{name}.py" for name in MODULES),
        ]
        self.app.display_info("frontnews: compiling the reader and writer with mypyc")
        done = subprocess.run(command, cwd=scratch, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"mypyc failed:\n{done.stdout}\n{done.stderr}")
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = {
            str(scratch / "frontnews" / f"{name}{suffix}"): f"frontnews/{name}{suffix}"
            for name in MODULES
        }
        # mypyc's runtime and the modules' code, shared by both: at the top of the wheel.
        for shared in scratch.glob(f"*__mypyc{suffix}"):
            built[str(shared)] = shared.name
        missing = [path for path in built if not Path(path).is_file()]
        if missing:
            raise RuntimeError(f"mypyc did not build {missing}")
        build_data["force_include"].update(built)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the scratch folder once the wheel holds the extensions."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
