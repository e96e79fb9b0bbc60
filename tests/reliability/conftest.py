"""The figures docs/RELIABILITY.md quotes, printed at the end of a run of this folder."""

from __future__ import annotations

from tests.reliability.faults import INJECTED
from tests.reliability.test_hostile_files import TRIED


def pytest_terminal_summary(terminalreporter) -> None:
    if not TRIED and not INJECTED["faults"]:
        return
    terminalreporter.write_sep("-", "reliability figures")
    if TRIED:
        families = ", ".join(f"{family} {n}" for family, n in TRIED.items())
        terminalreporter.write_line(f"hostile files tried: {sum(TRIED.values())} ({families})")
    terminalreporter.write_line(f"environment faults injected: {INJECTED['faults']}")
