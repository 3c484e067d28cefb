"""Issue 20, 5: what a user installs is what the product needs; the test set comes on top.

- requirements.txt pins exactly the product's dependencies and theirs (the closure of
  pyproject's `dependencies`), which are exactly what limitup/ imports (plus onnxruntime and
  openvino, RapidOCR's inference backends, which nothing imports by name);
- requirements-test.txt adds the test tools; nothing in it is pinned for the product;
- an environment holding only the runtime distributions imports every module of limitup/ and
  serves the app (`limitup serve` answers /healthz), with the test tools absent from it.

How the last one is built, and why: a fresh `python -m venv` plus `pip install -r
requirements.txt` takes ~32 s here even with pip's cache warm (unpacking OpenCV, ONNX Runtime,
SciPy), and needs the registry on a cold cache. Instead the test makes a venv without pip and
hard-links into it the files (from each distribution's RECORD) of the distributions
requirements.txt names, at the versions it pins, from this .venv: the same files pip would
install, nothing else, in ~2 s. `scripts/check-runtime-venv.sh` does the full fresh install by
hand.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

import requests
from packaging.requirements import Requirement

from limitup.jobs.redis_server import free_port
from tests.conftest import ROOT

# Imported by no module, needed at run time all the same.
RUNTIME_BACKENDS = {"onnxruntime", "openvino"}
TEST_TOOLS = {"pytest", "hypothesis", "schemathesis", "atheris", "playwright"}
NOT_USED = {"huey", "pytesseract", "pytest-xdist", "tabulate-cli"}
IGNORED = {"pip", "setuptools", "wheel"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[canonical(name)] = version.strip()
    return found


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {canonical(Requirement(text).name) for text in project["dependencies"]}


def closure(roots: set[str]) -> set[str]:
    """The roots and everything they require in this environment (markers evaluated)."""
    seen, todo = set(), [(root, "") for root in roots]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        for text in metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
                continue
            todo.append((canonical(requirement.name), ""))
            todo += [(canonical(requirement.name), wanted) for wanted in requirement.extras]
    return {name for name, _ in seen} - IGNORED


def imported_distributions() -> set[str]:
    """The distributions providing the top-level modules that limitup/ imports (anywhere)."""
    providers = metadata.packages_distributions()
    modules = set()
    for path in (ROOT / "limitup").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    modules -= set(sys.stdlib_module_names) | {"limitup"}
    unknown = {module for module in modules if module not in providers}
    assert not unknown, f"imported by limitup/ but installed by nothing: {unknown}"
    return {canonical(providers[module][0]) for module in modules}


def test_pyproject_declares_what_limitup_imports():
    assert declared() == imported_distributions() | RUNTIME_BACKENDS


def test_requirements_pin_the_runtime_closure_and_nothing_else():
    runtime = pins(ROOT / "requirements.txt")
    assert set(runtime) == closure(declared())
    for name, version in runtime.items():
        assert metadata.version(name) == version, name


def test_the_test_set_is_apart_and_nothing_unused_is_installed():
    runtime = pins(ROOT / "requirements.txt")
    test_only = pins(ROOT / "requirements-test.txt")
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text()
    assert not set(runtime) & set(test_only)
    assert TEST_TOOLS <= set(test_only) and not TEST_TOOLS & set(runtime)
    assert set(test_only) == closure(set(runtime) | TEST_TOOLS | {"requests"}) - set(runtime)
    assert not NOT_USED & (set(runtime) | set(test_only))


def runtime_only_venv(target: Path) -> Path:
    """A venv holding only the distributions requirements.txt pins (their installed files,
    hard-linked; copied where the file system cannot link) and limitup's source."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    python = target / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    for name in pins(ROOT / "requirements.txt"):
        distribution = metadata.distribution(name)
        for file in distribution.files or []:
            if str(file).startswith(".."):          # scripts outside site-packages
                continue
            source = Path(distribution.locate_file(file))
            destination = site / file
            if not source.is_file() or destination.exists():
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, destination)
            except OSError:
                shutil.copy2(source, destination)
    (site / "limitup-source.pth").write_text(str(ROOT) + "\n")
    return python


CHECK = """
import importlib, pkgutil, re
from importlib import metadata
from packaging.requirements import Requirement
import limitup

installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d for d in metadata.distributions()}
for name, dist in installed.items():                 # what `pip check` does
    if name == "limitup":      # its declaration is checked against the code by the test above
        continue
    for text in dist.requires or []:
        need = Requirement(text)
        if need.marker and not need.marker.evaluate({"extra": ""}):
            continue
        wanted = re.sub(r"[-_.]+", "-", need.name).lower()
        if wanted in ("pip", "setuptools", "wheel"):    # every pip-made venv has them
            continue
        have = installed.get(wanted)
        assert have is not None, f"{name} needs {need.name}, which is not installed"
        assert need.specifier.contains(have.version, prereleases=True), (name, text, have.version)
modules = [info.name for info in pkgutil.walk_packages(limitup.__path__, "limitup.")]
for module in modules:
    importlib.import_module(module)
for tool in ("pytest", "hypothesis", "schemathesis", "atheris", "playwright"):
    try:
        importlib.import_module(tool)
    except ImportError:
        continue
    raise AssertionError(f"{tool} is importable: the environment is not runtime-only")
print(len(modules), "modules")
"""


def test_a_runtime_only_environment_imports_everything_and_serves(tmp_path):
    python = runtime_only_venv(tmp_path / "venv")
    checked = subprocess.run([str(python), "-c", CHECK], capture_output=True, text=True,
                             cwd=tmp_path, timeout=180)
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert int(checked.stdout.split()[0]) > 50

    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
           "LIMITUP_DATA_DIR": str(tmp_path / "data")}
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen([str(python), "-c", "from limitup.cli import main; main()",
                                   "serve", "--port", str(port)],
                                  cwd=tmp_path, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                health = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "no answer on /healthz within 60 s"
                time.sleep(0.2)
        assert health.status_code == 200
        spec = requests.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=10)
        assert spec.status_code == 200 and spec.json()["info"]["title"] == "limitup"
    finally:
        server.terminate()
        server.wait(30)
