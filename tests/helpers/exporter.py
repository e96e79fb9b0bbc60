"""The victim of the export kill test: exports a 2,000-item workshop in a loop.

    python tests/helpers/exporter.py FOLDER FIRST_STEP [hold]

Prints "ready" once the snapshot is built and the exporter loaded, then for each step
"intent N" before the export, "saving N" when the finished bytes start going to disk, and
"done N" after the file is in place, so the test knows what a kill interrupted.
Even steps replace `record.docx` (overwrite); odd steps write a new `record-N.docx`.
With `hold`, the first export stops once its temporary file is written and synced, before it
is put in place, prints "written N" and waits: a kill then surely leaves a temporary file,
whatever the machine's speed (a kill timed in milliseconds missed that window under load).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ITEMS = 2000
ROOT = Path(__file__).resolve().parents[2]


def target(folder: Path, step: int) -> tuple[Path, bool]:
    """(where step N writes, whether it may replace an existing file)."""
    if step % 2 == 0:
        return folder / "record.docx", True
    return folder / f"record-{step:05d}.docx", False


def load_snapshot() -> dict:
    spec = importlib.util.spec_from_file_location("make_workshop_for_kills", ROOT / "bench" / "make_workshop.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_snapshot(n_items=ITEMS, seed=0)


def main() -> None:
    from workshop.export import ExportOptions, export_record
    import workshop.export.docx  # noqa: F401 - loaded before "ready", as a running app has it
    import workshop.export.record  # noqa: F401

    folder, step = Path(sys.argv[1]), int(sys.argv[2])
    if sys.argv[3:] == ["hold"]:
        from hold import hold_after_temp_written  # a sibling: this runs as a script

        hold_after_temp_written(step)
    snapshot = load_snapshot()
    options = ExportOptions("docx", include_names=True, include_lived=True)
    print("ready", flush=True)
    while True:
        out, overwrite = target(folder, step)

        def progress(fraction: float, label: str, step: int = step) -> None:
            if label == "Saving":
                print(f"saving {step}", flush=True)

        print(f"intent {step}", flush=True)
        export_record(snapshot, out, options, overwrite=overwrite, progress=progress)
        print(f"done {step}", flush=True)
        step += 1


if __name__ == "__main__":
    main()
