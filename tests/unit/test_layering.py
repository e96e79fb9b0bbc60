"""The rule of the house: data, storage and export code never import Textual.

Checked in a fresh interpreter per module, so an import made by another test cannot hide one."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import workshop

CORE = sorted(
    name
    for _finder, name, _ispkg in pkgutil.walk_packages(workshop.__path__, "workshop.")
    if not name.startswith("workshop.tui") and name not in {"workshop.__main__"}
)


def test_the_core_modules_are_found():
    assert {"workshop.model", "workshop.store", "workshop.content", "workshop.export", "workshop.cli"} <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = (
        f"import sys, {module}\n"
        "leaks = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaks))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


# --- the rest of the house rules, read from the source ------------------------------------------

import ast  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

PACKAGE = Path(workshop.__file__).parent


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(under: str) -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py")) if under else sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules("tui/widgets"), ids=lambda p: p.name)
def test_widgets_never_import_activities_screens_or_the_store(path: Path):
    bad = {name for name in imports_of(path)
           if name.startswith(("workshop.store", "workshop.tui.activities", "workshop.tui.screens"))}
    assert not bad, f"{path.name} imports {sorted(bad)}: widgets post messages up and are given what they show"


ENTRY_POINTS = {"cli/__init__.py", "__main__.py"}  # they start the app, so they may name it


def test_the_core_never_imports_the_interface():
    for path in modules(""):
        relative = path.relative_to(PACKAGE)
        if "tui" in relative.parts or relative.as_posix() in ENTRY_POINTS:
            continue
        bad = {name for name in imports_of(path) if name.startswith("workshop.tui")}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


STORE_INSIDES = re.compile(r"\.db\.|\.storage\b|\b_tables\b|TinyDB\(")


def test_nothing_outside_the_store_touches_tinydb():
    for path in modules(""):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0].startswith("store") or relative.name.startswith("store"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not STORE_INSIDES.search(line), f"{relative}:{number} reaches into the store: {line.strip()}"
            assert "import tinydb" not in line and "from tinydb" not in line, f"{relative}:{number}"


WRITES = re.compile(r"\bsession\.(insert|insert_many|update|update_workshop|delete|restore)\(")


def test_the_interface_changes_a_workshop_only_through_its_history():
    for path in modules("tui"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not WRITES.search(line), (
                f"{path.relative_to(PACKAGE)}:{number} writes to the session directly: {line.strip()}")
