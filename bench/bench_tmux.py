"""Speed in a real terminal, side by side with a minimal Textual app doing the same work.

Three measures, each a ratio of medians, Team Day over a minimal Textual app:

  enter  In a 2,000-item workshop (1,000 hopes, 1,000 fears), an item is typed into the
         hopes-and-fears entry box and Enter pressed: the time from the Enter key reaching
         the app to the frame that shows the new count ("Hopes (1001)"). The minimal app holds
         the same 2,000 items in two OptionLists, and on Enter adds the option, highlights it,
         updates the count label and saves the same data (with the new record) atomically:
         write a temporary file, fsync, os.replace, fsync the folder. Budget 1.25x.
  open   From process start to the first frame in which the hopes-and-fears screen shows
         both counts and the items, against the minimal app reading the same JSON file and
         showing the same items in two lists. Budget 1.25x.
  home   From process start to the home screen's first frame that shows every workshop of a
         folder of a few workshops, against a minimal app reading the same files and showing
         the same rows in a DataTable. Budget 1.1x.

Method. Every app runs in a tmux pane (a private server: `tmux -L <socket>`, 120x40), so
Textual writes real escape codes to a real pseudo-terminal. Each app is started through a
small wrapper that swaps in a subclass of its own driver class (the same hook for both apps):
  - the driver's `process_message`, which runs as the terminal's bytes are parsed, logs
    `time.perf_counter_ns()` when an Enter key arrives;
  - the driver's `write`, which receives each finished frame (one write per screen update),
    logs the time and what the frame holds of interest: the "Hopes (n)"/"Fears (n)" counts and
    which of the expected words (workshop titles, item text) it contains.
The clock is CLOCK_MONOTONIC, shared by all processes, so the bench process can compare its
own time (taken just before it asks tmux to start the app) with the app's. Polling
`tmux capture-pane` is not used for timing: the frame is stamped as the app hands it to the
terminal, and the bench only reads the log afterwards. Each minimal app lives in its own file
(Textual looks for CSS beside the app's file), with a Footer as Team Day has one.

Byte-code is cached (in the bench's own folder) as it is on an installed copy; the first
launches of each app, not timed, compile it.

Runs alternate between the two apps so that the load of a shared machine hits both alike;
each launch works on a fresh copy of the files; an app is quit and gone before the next starts.

    python bench/bench_tmux.py [--runs 15] [--launches 6] [--enters 4] [--only enter,open,home]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_startup import machine as describe_machine  # noqa: E402

SOCKET = os.environ.get("BENCH_TMUX_SOCKET", "h6")
SESSION = "bench"
SIZE = (120, 40)
ITEMS = 2000
ITEM_WORD = "something the room said"  # in every item build_workshop makes
BUDGETS = {"enter": 1.25, "open": 1.25, "home": 1.1}

HOOK = r'''
"""The same stopwatch for every app under test: keys in, frames out (see bench_tmux.py)."""
import os
import re
import time

from textual import events

_LOG = open(os.environ["BENCH_LOG"], "a", buffering=1)
_COUNT = re.compile(r"(Hopes|Fears) \((\d+)\)")
_WORDS = [w for w in os.environ.get("BENCH_WORDS", "").split("|") if w]


def hooked(driver_class):
    class Stopwatch(driver_class):
        def process_message(self, message):
            if isinstance(message, events.Key) and message.key == "enter":
                _LOG.write(f"K {time.perf_counter_ns()}\n")
            super().process_message(message)

        def write(self, data):
            now = time.perf_counter_ns()
            super().write(data)
            tags = [f"{kind}={n}" for kind, n in _COUNT.findall(data)]
            tags += [f"w{i}" for i, word in enumerate(_WORDS) if word in data]
            if tags:
                _LOG.write(f"F {now} {' '.join(tags)}\n")

    return Stopwatch
'''

TEAM_DAY = r'''
import sys
from pathlib import Path

from paint_hook import hooked
from workshop.tui.app import TeamDayApp


class Bench(TeamDayApp):
    def get_driver_class(self):
        return hooked(super().get_driver_class())


folder = Path(sys.argv[1])
target = Path(sys.argv[2]) if len(sys.argv) > 2 else None
Bench(sessions_dir=folder, open_path=target, exports_dir=folder).run()
'''

MINIMAL_LISTS = r'''
import os
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

import orjson
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from paint_hook import hooked

PLURAL = {"hope": "Hopes", "fear": "Fears"}


def save(path, data):
    blob = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, blob)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


class Minimal(App):
    CSS = """
    Horizontal { height: 1fr; }
    Vertical { width: 1fr; }
    OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.data = orjson.loads(path.read_bytes())
        records = [r for r in self.data["hopes_fears"].values() if "deleted_at" not in r]
        self.items = {kind: [r for r in records if r["kind"] == kind] for kind in PLURAL}

    def compose(self):
        with Horizontal():
            for kind, plural in PLURAL.items():
                with Vertical():
                    yield Label(f"{plural} ({len(self.items[kind])})", id=f"title-{kind}")
                    yield OptionList(*(Option(f"●{r.get('votes', 0)} {r['text']}", id=r["id"])
                                       for r in self.items[kind]), id=f"list-{kind}")
        yield Input(id="entry")
        yield Footer()

    def on_mount(self):
        for kind in PLURAL:
            listing = self.query_one(f"#list-{kind}", OptionList)
            listing.highlighted = listing.option_count - 1
        self.query_one(Input).focus()

    def on_input_submitted(self, event):
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        now = datetime.now(timezone.utc).isoformat()
        record = {"id": uuid.uuid4().hex, "created_at": now, "updated_at": now, "kind": "hope",
                  "text": text, "theme": None, "votes": 0, "author_role": None}
        table = dict(self.data["hopes_fears"])
        table[str(len(table) + 1)] = record
        self.data = {**self.data, "hopes_fears": table}
        save(self.path, self.data)
        self.items["hope"].append(record)
        listing = self.query_one("#list-hope", OptionList)
        listing.add_option(Option(f"●0 {text}", id=record["id"]))
        listing.highlighted = listing.option_count - 1
        self.query_one("#title-hope", Label).update(f"Hopes ({len(self.items['hope'])})")


Minimal(Path(sys.argv[1])).run()
'''

MINIMAL_TABLE = r'''
import sys
from pathlib import Path

import orjson
from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Label

from paint_hook import hooked

ACTIVITIES = ("hopes_fears", "expertise", "job_descriptions", "dual_roles", "concerns", "actions")


class Minimal(App):
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def compose(self):
        yield Label("Saved workshops")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Workshop", "Team", "Date", "Changed", "Progress", "File")
        for path in sorted(self.folder.glob("*.json")):
            data = orjson.loads(path.read_bytes())
            workshop = next(iter(data["workshop"].values()))
            marks = "".join("■" if any("deleted_at" not in r for r in data.get(t, {}).values()) else "□"
                            for t in ACTIVITIES)
            table.add_row(workshop["title"], workshop.get("team", ""), workshop.get("date") or "",
                          "", marks, path.name, key=str(path))
        table.focus()


Minimal(Path(sys.argv[1])).run()
'''

for _source in (MINIMAL_LISTS, MINIMAL_TABLE):  # the hook is applied the same way in each
    assert "from paint_hook import hooked" in _source
MINIMAL_LISTS = MINIMAL_LISTS.replace(
    "class Minimal(App):", "class Minimal(App):\n    def get_driver_class(self):\n"
    "        return hooked(super().get_driver_class())\n", 1)
MINIMAL_TABLE = MINIMAL_TABLE.replace(
    "class Minimal(App):", "class Minimal(App):\n    def get_driver_class(self):\n"
    "        return hooked(super().get_driver_class())\n", 1)


# --- tmux ----------------------------------------------------------------------------------------


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True).stdout


def pane_dead() -> bool:
    return tmux("display-message", "-p", "-t", f"{SESSION}:0.0", "#{pane_dead}").strip() == "1"


def start_server() -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", SESSION], capture_output=True)
    tmux("new-session", "-d", "-s", SESSION, "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 1")
    tmux("set-option", "-t", SESSION, "remain-on-exit", "on")
    tmux("set-option", "-t", SESSION, "window-size", "manual")
    tmux("resize-window", "-t", f"{SESSION}:0", "-x", str(SIZE[0]), "-y", str(SIZE[1]))
    deadline = time.monotonic() + 5
    while not pane_dead() and time.monotonic() < deadline:
        time.sleep(0.05)


def stop_server() -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", SESSION], capture_output=True)


def launch(command: list[str], env: dict[str, str]) -> int:
    """Start `command` in the pane; the bench's clock just before asking tmux."""
    environment = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
    started = time.perf_counter_ns()
    # Several arguments: tmux runs the program itself, with no shell in between.
    tmux("respawn-pane", "-k", "-t", f"{SESSION}:0.0", *environment, *command)
    return started


def quit_app() -> None:
    """Ctrl+Q, then wait until the process has gone so it cannot load the next run."""
    tmux("send-keys", "-t", f"{SESSION}:0.0", "C-q")
    deadline = time.monotonic() + 10
    while not pane_dead():
        if time.monotonic() > deadline:
            tmux("respawn-pane", "-k", "-t", f"{SESSION}:0.0", "true")
            break
        time.sleep(0.02)
    time.sleep(0.1)


class Log:
    """The app's stopwatch log, read as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.lines: list[tuple[str, int, set[str]]] = []

    def poll(self) -> None:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                chunk = handle.read()
        except FileNotFoundError:
            return
        end = chunk.rfind(b"\n") + 1
        self.offset += end
        for line in chunk[:end].decode().splitlines():
            kind, stamp, *tags = line.split()
            self.lines.append((kind, int(stamp), set(tags)))

    def wait(self, found, timeout: float = 30.0, what: str = ""):
        deadline = time.monotonic() + timeout
        while True:
            self.poll()
            hit = found(self.lines)
            if hit is not None:
                return hit
            if time.monotonic() > deadline or pane_dead():
                screen = tmux("capture-pane", "-p", "-t", f"{SESSION}:0.0")
                raise RuntimeError(f"timed out waiting for {what}; the screen shows:\n{screen}")
            time.sleep(0.005)


def all_words(count: int, after: int = 0):
    """The time of the frame that completes the set of expected words."""
    wanted = {f"w{i}" for i in range(count)}

    def found(lines):
        seen: set[str] = set()
        for kind, stamp, tags in lines:
            if kind == "F" and stamp >= after:
                seen |= tags
                if wanted <= seen:
                    return stamp
        return None

    return found


# --- the workshops -------------------------------------------------------------------------------


def make_files(root: Path) -> tuple[Path, Path, list[str]]:
    from tests.helpers.sessions import build_workshop

    busy = build_workshop(root / "busy.json", ITEMS, title="Busy bench workshop")
    folder = root / "home"
    folder.mkdir()
    titles = []
    for n, size in enumerate((12, 40, 120, 300)):
        title = f"Bench workshop {chr(65 + n)}"
        build_workshop(folder / f"bench-{n}.json", size, title=title, team=f"Team {n}")
        titles.append(title)
    for path in [busy, *folder.iterdir()]:
        for extra in (path.with_name(path.name + ".bak"), path.with_name(path.name + ".lock")):
            extra.unlink(missing_ok=True)
    return busy, folder, titles


def fresh_copy(source: Path, root: Path) -> Path:
    run = Path(tempfile.mkdtemp(dir=root))
    if source.is_dir():
        target = run / source.name
        shutil.copytree(source, target)
        return target
    return Path(shutil.copy2(source, run / source.name))


# --- the three measures --------------------------------------------------------------------------


class Bench:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.busy, self.folder, self.titles = make_files(root)
        self.scripts = {}
        (root / "paint_hook.py").write_text(HOOK)
        for name, source in (("team_day", TEAM_DAY), ("minimal_lists", MINIMAL_LISTS),
                             ("minimal_table", MINIMAL_TABLE)):
            script = root / f"{name}.py"
            script.write_text(source)
            self.scripts[name] = script
        self.runs = 0

    def _env(self, words: list[str]) -> tuple[Log, dict[str, str]]:
        self.runs += 1
        log = Log(self.root / f"log-{self.runs}.txt")
        # Byte-code is cached, as on an installed copy (pip compiles it once); a shell that
        # sets PYTHONDONTWRITEBYTECODE would otherwise have every start compile all of Team
        # Day's modules from source, and the minimal apps have almost nothing to compile.
        env = {"BENCH_LOG": str(log.path), "BENCH_WORDS": "|".join(words),
               "PYTHONPATH": f"{self.root}{os.pathsep}{REPO}", "PYTHONDONTWRITEBYTECODE": "",
               "PYTHONPYCACHEPREFIX": str(self.root / "pycache")}
        return log, env

    def _command(self, app: str, case: str) -> tuple[list[str], Path]:
        python = sys.executable
        if case == "home":
            folder = fresh_copy(self.folder, self.root)
            script = self.scripts["team_day" if app == "team" else "minimal_table"]
            return [python, str(script), str(folder)], folder
        busy = fresh_copy(self.busy, self.root)
        if app == "team":
            return [python, str(self.scripts["team_day"]), str(busy.parent), str(busy)], busy
        return [python, str(self.scripts["minimal_lists"]), str(busy)], busy

    def first_draw(self, app: str, case: str) -> float:
        words = self.titles if case == "home" else ["Hopes (1000)", "Fears (1000)", ITEM_WORD]
        log, env = self._env(words)
        command, _ = self._command(app, case)
        started = launch(command, env)
        drawn = log.wait(all_words(len(words), started), what=f"{app} {case} first draw")
        quit_app()
        return (drawn - started) / 1e6

    def enters(self, app: str, count: int) -> list[tuple[float, float]]:
        """(ms from the Enter key reaching the app, ms from the bench sending it) per item."""
        words = ["Hopes (1000)", "Fears (1000)", ITEM_WORD]
        log, env = self._env(words)
        command, _ = self._command(app, "enter")
        launch(command, env)
        log.wait(all_words(len(words)), what=f"{app} open")
        time.sleep(1.0)  # let the opening finish (deferred fills, footer) before typing
        results = []
        for n in range(count):
            expected = f"Hopes={1001 + n}"
            tmux("send-keys", "-t", f"{SESSION}:0.0", "-l", f"Bench item {n}")
            time.sleep(0.4)
            log.poll()
            mark = len(log.lines)
            sent = time.perf_counter_ns()
            tmux("send-keys", "-t", f"{SESSION}:0.0", "Enter")

            def found(lines, mark=mark, expected=expected):
                key = next((s for k, s, _ in lines[mark:] if k == "K"), None)
                if key is None:
                    return None
                shown = next((s for k, s, tags in lines[mark:] if k == "F" and expected in tags), None)
                return None if shown is None else (key, shown)

            key, shown = log.wait(found, what=f"{app} {expected}")
            results.append(((shown - key) / 1e6, (shown - sent) / 1e6))
            time.sleep(0.3)
        quit_app()
        return results


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    return f"{describe_machine()}; nproc {os.cpu_count()}"


def report(name: str, team: list[float], minimal: list[float], extra: str = "") -> float:
    tm, mm = statistics.median(team), statistics.median(minimal)
    ratio = tm / mm
    verdict = "within" if ratio <= BUDGETS[name] else "OVER"
    print(f"{name:6} Team Day median {tm:8.1f} ms  minimal {mm:8.1f} ms  ratio {ratio:5.2f}x "
          f"(budget {BUDGETS[name]}x: {verdict})  n={len(team)}/{len(minimal)}{extra}", flush=True)
    return ratio


def paired(team: list[float], minimal: list[float]) -> None:
    """The ratio of each launch to the other app's launch beside it. This machine's speed
    drifts by a third within minutes; two launches a second apart mostly share its mood, so
    the median of these ratios moves less between runs than the ratio of the medians."""
    ratios = sorted(t / m for t, m in zip(team, minimal))
    quarter = len(ratios) // 4
    print(f"       launch by launch: median ratio {statistics.median(ratios):.2f}x, middle half "
          f"{ratios[quarter]:.2f}x-{ratios[-quarter - 1]:.2f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="launches per app for open and home")
    parser.add_argument("--launches", type=int, default=6, help="launches per app for enter")
    parser.add_argument("--enters", type=int, default=4, help="items entered per launch")
    parser.add_argument("--only", default="enter,open,home")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    cases = options.only.split(",")
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")

    root = Path(tempfile.mkdtemp(prefix="bench-tmux-"))
    bench = Bench(root)
    start_server()
    print(f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC  machine: {machine()}", flush=True)
    print(f"load before: {load()}", flush=True)
    try:
        for app in ("minimal", "team"):  # warm the file cache and byte-code
            bench.first_draw(app, "open")
            bench.first_draw(app, "home")
        for case in ("open", "home"):
            if case not in cases:
                continue
            times: dict[str, list[float]] = {"team": [], "minimal": []}
            loads = []
            for n in range(options.runs):
                order = ("minimal", "team") if n % 2 == 0 else ("team", "minimal")
                for app in order:
                    times[app].append(bench.first_draw(app, case))
                loads.append(os.getloadavg()[0])
            report(case, times["team"], times["minimal"],
                   f"  load {min(loads):.1f}-{max(loads):.1f}")
            paired(times["team"], times["minimal"])
        if "enter" in cases:
            key: dict[str, list[float]] = {"team": [], "minimal": []}
            sent: dict[str, list[float]] = {"team": [], "minimal": []}
            loads = []
            for n in range(options.launches):
                order = ("minimal", "team") if n % 2 == 0 else ("team", "minimal")
                for app in order:
                    for in_app, end_to_end in bench.enters(app, options.enters):
                        key[app].append(in_app)
                        sent[app].append(end_to_end)
                loads.append(os.getloadavg()[0])
            report("enter", key["team"], key["minimal"], f"  load {min(loads):.1f}-{max(loads):.1f}")
            tm, mm = statistics.median(sent["team"]), statistics.median(sent["minimal"])
            print(f"       from tmux send-keys: Team Day {tm:.1f} ms, minimal {mm:.1f} ms, ratio {tm / mm:.2f}x",
                  flush=True)
    finally:
        stop_server()
        print(f"load after: {load()}", flush=True)
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"files kept in {root}")


if __name__ == "__main__":
    main()
