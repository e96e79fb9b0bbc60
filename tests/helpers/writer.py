"""The victim of the kill -9 test: opens a workshop and changes it in a loop.

    python tests/helpers/writer.py PATH FIRST_STEP [hold]

Prints "ready rw" once the workshop is open for writing, then for each step "intent N"
before the change and "done N" after it, so the test knows which change a kill interrupted.
With `hold`, the first change stops with its temporary file written (see hold.py).
The changes are a pure function of the step number (`plan`), so the test can replay them.
"""

from __future__ import annotations

import sys
from pathlib import Path

BASE_ITEMS = 2000
BASE_PREFIX = "base"


def plan(step: int) -> tuple[str, str, str | None]:
    """(operation, record id, new text) for one step: inserts, updates and deletes mixed."""
    kind = step % 4
    if kind == 0:
        return "insert", f"kill{step:06d}", f"inserted at step {step}"
    if kind == 3:
        return "delete", f"kill{step - 3:06d}", None
    return "update", f"{BASE_PREFIX}{(step * 7919) % BASE_ITEMS:04d}", f"edited at step {step}"


def apply_plan(state: dict[str, str | None], step: int) -> dict[str, str | None]:
    """The projection {id: text, or None once deleted} after `step`."""
    operation, rid, text = plan(step)
    after = dict(state)
    after[rid] = None if operation == "delete" else text
    return after


def main() -> None:
    from workshop.store import Session

    path, step = Path(sys.argv[1]), int(sys.argv[2])
    session = Session.open(path, fallback_read_only=False)
    if sys.argv[3:] == ["hold"]:  # after opening, which writes the lock and the backup
        from hold import hold_after_temp_written  # a sibling: this runs as a script

        hold_after_temp_written(step)
    print("ready ro" if session.read_only else "ready rw", flush=True)
    while True:
        print(f"intent {step}", flush=True)
        operation, rid, text = plan(step)
        if operation == "insert":
            session.insert("hopes_fears", id=rid, kind="hope", text=text)
        elif operation == "update":
            session.update("hopes_fears", rid, text=text)
        else:
            session.delete("hopes_fears", rid)
        print(f"done {step}", flush=True)
        step += 1


if __name__ == "__main__":
    main()
