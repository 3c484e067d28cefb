"""The domain code does not reach into flask: the app factory and its glue (limitup/__init__.py,
store.py, serving.py), the API, the web pages and the commands read the configuration and pass
what the domain needs (limitup.store.pipeline_settings, for the upload and processing path)."""
from __future__ import annotations

import ast

from tests.fixtures import ROOT

PACKAGE = ROOT / "limitup"
FLASK_SIDE = {"__init__.py", "store.py", "serving.py", "api", "web", "commands"}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    return names | {node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}


def test_the_domain_modules_import_no_flask():
    domain = [path for path in PACKAGE.rglob("*.py")
              if path.relative_to(PACKAGE).parts[0] not in FLASK_SIDE]
    assert PACKAGE / "pipeline.py" in domain and PACKAGE / "uploads.py" in domain
    reaching = {str(path.relative_to(ROOT)): sorted(module for module in imported_modules(path)
                                                    if module.split(".")[0].startswith("flask"))
                for path in domain}
    assert {path: modules for path, modules in reaching.items() if modules} == {}
