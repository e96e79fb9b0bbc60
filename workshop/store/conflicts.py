"""Conflict copies that sync engines leave beside a workshop file, and locks that arrive
from another computer through a synced folder.

Planning groups keep sessions in folders their organisation syncs (OneDrive or SharePoint,
Dropbox, Syncthing, Nextcloud). When two laptops change the same file apart, the engine keeps
both and renames one. A name alone proves nothing (a workshop may well be called
"riverside-team.json"), so a file counts as a conflict copy only when its name follows an
engine's pattern AND it holds the same workshop (the same id) as the file it is named after.
No Textual here.
"""

from __future__ import annotations

import functools
import re
import socket
import unicodedata
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Mapping, NamedTuple, Sequence

import orjson

from workshop.store.io import StoreError, describe_holder, live_records, read_session_bytes

SUFFIX = ".json"
# File names are at most 255 bytes on every common file system; anything longer is not a
# name a sync engine made, and is not worth matching (nor timing regular expressions on).
_NAME_LIMIT = 512
_DEVICE_LIMIT = 40

# The engines' own patterns are compiled when a name could be one of theirs (see _engines):
# every file of the folder is read against them when the home screen first draws.
SYNCTHING_MARK = ".sync-conflict-"
# Of "conflicted copy", the word none of whose letters a case-blind match reads as another
# (it would read "ı" as "i").
BRACKETED_MARK = "copy"


@functools.cache
def _engines() -> SimpleNamespace:
    return SimpleNamespace(
        # name.sync-conflict-YYYYMMDD-HHMMSS-DEVICEID.json (the device id: 7 characters of base32).
        syncthing=re.compile(r"(?P<base>.+)\.sync-conflict-(?P<day>\d{8})-(?P<time>\d{6})-(?P<id>[A-Z0-9]{7})"),
        # name (… conflicted copy …).json; Dropbox may number a second copy of one day inside: "(1)".
        bracketed=re.compile(
            r"(?P<base>.+?) \((?P<inner>(?:[^()]|\([0-9]{1,4}\))*conflicted copy(?:[^()]|\([0-9]{1,4}\))*)\)",
            re.IGNORECASE),
        nextcloud=re.compile(r"conflicted copy(?: from (?P<who>.+?))?(?: (?P<day>\d{4}-\d{2}-\d{2})"
                             r"(?: (?P<time>\d{6}))?)?(?: \(\d+\))?", re.IGNORECASE | re.DOTALL),
        dropbox_who=re.compile(r"(?P<who>.+?)['’]s conflicted copy(?: (?P<day>\d{4}-\d{2}-\d{2}))?.*",
                               re.IGNORECASE | re.DOTALL),
        dropbox_day=re.compile(r".*conflicted copy (?P<day>\d{4}-\d{2}-\d{2}).*", re.IGNORECASE | re.DOTALL),
    )


# name-DEVICE.json: OneDrive adds the computer's name. Computer names are letters, digits
# and hyphens; a hyphen may sit inside one ("DESKTOP-4F2K9QA"), so every split is tried.
_ONEDRIVE_DEVICE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}")
# Names Team Day gives its own files, which hold the same workshop on purpose: "-2" when a
# name is taken, "-merged" for the result of merging two copies.
_OWN_SUFFIX = re.compile(r"\d+|merged(?:-\d+)?", re.IGNORECASE)


class ConflictName(NamedTuple):  # not a dataclass: see store.folder.SessionSummary
    """What a file's name says, before its contents confirm it: `base` is the name of the
    file it would be a copy of; `device` the computer (or person) the engine names, if any;
    `when` the moment the engine put in the name, if any."""

    base: str
    engine: str
    device: str = ""
    when: str = ""


class ConflictCopy(NamedTuple):
    """A confirmed conflict copy: `path` holds the same workshop as `workshop`."""

    path: Path
    workshop: Path
    engine: str
    device: str = ""
    when: str = ""
    merged: bool = False  # merged into the workshop since it last changed: it can be set aside

    def describe(self) -> str:
        """"conflict copy from LAPTOP-7" or, when the name gives no device, the engine."""
        where = self.device or self.engine
        said = f"conflict copy from {where}" + (f" ({self.when})" if self.when else "")
        return said + (", merged" if self.merged else "")


def _shown(text: str) -> str:
    """A device name as it may be shown: no control or direction characters, one line, short."""
    text = "".join(" " if unicodedata.category(c) in ("Zl", "Zp") or c in "\t\r\n"
                   else c for c in text if not unicodedata.category(c).startswith("C") or c in "\t\r\n")
    text = " ".join(text.split())
    return text if len(text) <= _DEVICE_LIMIT else text[: _DEVICE_LIMIT - 1] + "…"


def _when(day: str | None, time: str | None = None) -> str:
    if not day:
        return ""
    day = day if "-" in day else f"{day[:4]}-{day[4:6]}-{day[6:8]}"
    return f"{day} {time[:2]}:{time[2:4]}" if time else day


def parse_conflict_name(name: str) -> list[ConflictName]:
    """Every reading of `name` as a sync engine's conflict copy, most likely first (for
    OneDrive, the longest base first). Empty for a name no engine would make. Only the name
    is read: whether it really is a copy depends on the file it names (`find_copies`)."""
    if not isinstance(name, str) or len(name) > _NAME_LIMIT or not name.endswith(SUFFIX) or "/" in name:
        return []
    stem = name[: -len(SUFFIX)]
    if not stem or stem.startswith("."):
        return []
    found: list[ConflictName] = []
    match = _engines().syncthing.fullmatch(stem) if SYNCTHING_MARK in stem else None
    if match:
        found.append(ConflictName(match["base"] + SUFFIX, "Syncthing",
                                  when=_when(match["day"], match["time"])))
    match = _engines().bracketed.fullmatch(stem) if BRACKETED_MARK in stem.casefold() else None
    if match:
        found.append(_bracketed(match["base"] + SUFFIX, match["inner"]))
    if not found:
        for at in (m.start() for m in reversed(list(re.finditer("-", stem)))):
            base, device = stem[:at], stem[at + 1:]
            if base and _ONEDRIVE_DEVICE.fullmatch(device) and not _OWN_SUFFIX.fullmatch(device):
                found.append(ConflictName(base + SUFFIX, "OneDrive", device=_shown(device)))
    return [c for c in found if c.base != name and not c.base.startswith(".") and c.base != SUFFIX]


def _bracketed(base: str, inner: str) -> ConflictName:
    nextcloud = _engines().nextcloud.fullmatch(inner)
    if nextcloud:
        return ConflictName(base, "Nextcloud", device=_shown(nextcloud["who"] or ""),
                            when=_when(nextcloud["day"], nextcloud["time"]))
    dropbox = _engines().dropbox_who.fullmatch(inner)
    if dropbox:
        return ConflictName(base, "Dropbox", device=_shown(dropbox["who"]), when=_when(dropbox["day"]))
    day = _engines().dropbox_day.fullmatch(inner)
    return ConflictName(base, "Dropbox", when=_when(day["day"] if day else None))


def find_copies(ids: Mapping[str, str | None], folder: Path) -> dict[str, ConflictCopy]:
    """The conflict copies among the files of one folder. `ids` maps each file name to the
    id of the workshop it holds (None if it cannot be read). A copy of a copy (Dropbox
    renaming a OneDrive copy) is shown under the workshop they both came from."""
    direct: dict[str, tuple[str, ConflictName]] = {}
    for name, wid in ids.items():
        if not wid:
            continue
        for reading in parse_conflict_name(name):
            if ids.get(reading.base) == wid:
                direct[name] = (reading.base, reading)
                break
    copies: dict[str, ConflictCopy] = {}
    for name, (base, reading) in direct.items():
        seen = {name}
        while base in direct and base not in seen:  # the workshop at the end of the chain
            seen.add(base)
            base = direct[base][0]
        if base in seen:
            continue  # names that lead round in a circle: no workshop to put them under
        copies[name] = ConflictCopy(Path(folder) / name, Path(folder) / base, reading.engine, reading.device,
                                    reading.when)
    return copies


def grouped(summaries: Sequence[Any]) -> list[tuple[Any, ConflictCopy | None]]:
    """Session summaries (anything with `.path` and `.workshop_id`) in their order, each
    conflict copy moved to just under its workshop, paired with what it is a copy of."""
    by_folder: dict[Path, dict[str, str | None]] = {}
    for s in summaries:
        by_folder.setdefault(s.path.parent, {})[s.path.name] = getattr(s, "workshop_id", None)
    copies: dict[Path, ConflictCopy] = {}
    for folder, ids in by_folder.items():
        copies.update({c.path: c for c in find_copies(ids, folder).values()})
    under: dict[Path, list[Any]] = {}
    by_path = {s.path: s for s in summaries}
    for s in summaries:
        if s.path in copies:
            under.setdefault(copies[s.path].workshop, []).append(s)
            if _merged_since_changed(s, by_path.get(copies[s.path].workshop)):
                copies[s.path] = copies[s.path]._replace(merged=True)
    out: list[tuple[Any, ConflictCopy | None]] = []
    for s in summaries:
        if s.path in copies:
            continue
        out.append((s, None))
        out.extend((c, copies[c.path]) for c in under.get(s.path, ()))
    return out


def _merged_since_changed(copy: Any, workshop: Any) -> bool:
    changed = getattr(copy, "changed", None)
    if workshop is None or changed is None:
        return False
    for name, when in getattr(workshop, "merged_in", ()):
        if name != copy.path.name:
            continue
        try:
            merged_at = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            continue
        if merged_at.tzinfo is not None and merged_at >= changed:
            return True
    return False


def copy_of(path: Path, ids: Mapping[str, str | None] | None = None) -> ConflictCopy | None:
    """`path` as a conflict copy of a workshop in its own folder, or None. Reads only the
    files its name could be a copy of (unless `ids` is given)."""
    path = Path(path)
    if ids is None:
        names = {path.name, *(c.base for c in parse_conflict_name(path.name))}
        ids = {n: workshop_id(path.parent / n) for n in names if (path.parent / n).is_file()}
        # A copy of a copy: the files further up the chain are read too.
        for name in list(ids):
            for reading in parse_conflict_name(name):
                target = path.parent / reading.base
                if reading.base not in ids and target.is_file():
                    ids[reading.base] = workshop_id(target)
    return find_copies(ids, path.parent).get(path.name)


def workshop_id(path: Path) -> str | None:
    """The id of the workshop in `path`, read without the full check; None if it cannot be
    read. Only to tell a copy from a namesake: merging checks the files properly."""
    try:
        data = orjson.loads(read_session_bytes(Path(path)))
        live = live_records(data, "workshop")
    except (StoreError, orjson.JSONDecodeError, TypeError, ValueError, AttributeError):
        return None
    return live[0]["id"] if len(live) == 1 and isinstance(live[0].get("id"), str) else None


# --- locks that came through the synced folder ----------------------------------------------


def from_another_computer(holder: dict[str, Any] | None) -> bool:
    """A lock written on another computer: its process cannot be checked from here, so it is
    held until that computer lets go or someone takes over on purpose."""
    return bool(holder) and bool(holder.get("host")) and holder.get("host") != socket.gethostname()


def lock_advice(path: Path, holder: dict[str, Any]) -> str:
    """Which computer holds a synced workshop, and how to take over deliberately."""
    host = _shown(str(holder.get("host") or "")) or "another computer"
    who = describe_holder({**holder, "host": host, "user": _shown(str(holder.get("user") or ""))})
    name = Path(path).name
    return (f"{name} is open in Team Day on another computer ({who}), as its lock, synced here, says. Close it "
            f"there; if {host} no longer uses it, delete {name}.lock beside it to take over.")
