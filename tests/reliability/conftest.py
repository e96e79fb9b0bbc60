"""The figures docs/RELIABILITY.md quotes, printed at the end of a run of this folder."""

from __future__ import annotations

from tests.reliability.faults import INJECTED
from tests.reliability.test_hostile_files import TRIED
from tests.reliability.test_privacy_names import SEARCHED


def pytest_terminal_summary(terminalreporter) -> None:
    if not TRIED and not INJECTED["faults"] and not SEARCHED["exports"]:
        return
    terminalreporter.write_sep("-", "reliability figures")
    if SEARCHED["exports"]:
        terminalreporter.write_line(
            "names searched: {workshops} workshops, {fields} seeded fields, {exports} records "
            "({parts} parts searched), {leaks} leaks".format(**SEARCHED))
    if TRIED:
        families = ", ".join(f"{family} {n}" for family, n in TRIED.items())
        terminalreporter.write_line(f"hostile files tried: {sum(TRIED.values())} ({families})")
    terminalreporter.write_line(f"environment faults injected: {INJECTED['faults']}")
