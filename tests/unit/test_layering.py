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
