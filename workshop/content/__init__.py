"""Shipped content for the team day: activities, guides, libraries, lexicon, demo.

The words live in data files beside this module (TOML for structured data,
Markdown for guides, JSON for the demo workshop); this module only reads them.
It must not import Textual, TinyDB or anything from ``workshop.tui`` / ``workshop.store``.

Every file is parsed once and cached. Callers get copies, never the cache:

* ``activities()`` returns a new list of immutable ``Activity`` records;
  ``activity()`` returns one of them.
* ``guide()`` and ``text_of()`` return ``str`` (immutable).
* every other function returns a fresh deep copy of plain dicts and lists,
  so callers may change what they get without affecting anyone else.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

__all__ = [
    "ACTIVITY_KEYS",
    "GUIDE_KEYS",
    "LEXICON_CATEGORIES",
    "Activity",
    "activities",
    "activity",
    "opening",
    "review_activity",
    "review",
    "REVIEW_KEY",
    "guide",
    "hopes_fears",
    "expertise_sources",
    "concern_library",
    "concern_categories",
    "dual_role_presets",
    "jd_criteria",
    "compromise_signs",
    "wording_lexicon",
    "peer_essentials",
    "neutral_wording",
    "example_duties",
    "taking_stock",
    "taking_stock_columns",
    "sources",
    "demo_workshop",
    "text_of",
]

LEXICON_CATEGORIES: tuple[str, ...] = ("clinical", "deficit", "jargon", "label", "role")
# The review that opens a follow-up workshop (review.toml). Not one of the day's: ordinary
# workshops never show it, so it is kept out of ACTIVITY_KEYS and GUIDE_KEYS.
REVIEW_KEY = "review"


# Records read at every start are named tuples, not dataclasses: a dataclass writes and
# compiles its methods each time the module loads (1 to 3 ms apiece at start-up).
class Activity(NamedTuple):
    key: str
    title: str
    short: str  # at most 10 characters, for the one-line stepper
    minutes: int  # default timebox
    summary: str  # one sentence


# -- reading files ---------------------------------------------------------


def text_of(name: str) -> str:
    """Raw text of a content file, by its path relative to this package.

    ``name`` uses forward slashes, e.g. ``"lexicon.toml"`` or ``"guides/welcome.md"``.
    Raises ``FileNotFoundError`` for a missing file, ``ValueError`` for a path
    that tries to leave the package.
    """
    return _read(name)


@functools.cache
def _read(name: str) -> str:
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
        raise ValueError(f"not a content file name: {name!r}")
    # The package's own folder (installed as files by pip, never zipped): importlib.resources
    # would cost a few milliseconds of imports before the first screen.
    node = Path(__file__).parent
    for part in parts:
        node = node / part
    if not node.is_file():
        raise FileNotFoundError(f"no content file {name!r}")
    return node.read_text(encoding="utf-8")


@functools.cache
def _toml(name: str) -> dict[str, Any]:
    import tomllib  # noqa: PLC0415 - not before the first frame (see _activity_rows)

    return tomllib.loads(_read(name))


@functools.cache
def _activity_rows() -> tuple[dict[str, Any], ...]:
    """activities.json: the activities of the day in running order, the opening first (the
    app numbers them 1, 2, 3... in this order for its go-to keys). Each has its key, title,
    `short` (at most 10 characters, for the one-line stepper at 80 columns), `minutes` (the
    default timebox; the facilitator can change it per workshop) and a one-sentence summary.
    JSON rather than TOML like the other content: it is read at every start, before the
    first frame, and the TOML parser's module alone takes about 3 ms to load."""
    return tuple(json.loads(_read("activities.json"))["activity"])


# The activities' keys in running order (the opening first), the one source of them.
ACTIVITY_KEYS: tuple[str, ...] = tuple(row["key"] for row in _activity_rows())
# Guides exist for every activity plus the opening of the day and the details screen.
GUIDE_KEYS: tuple[str, ...] = ("welcome", "details", *ACTIVITY_KEYS)


def _copy(value: Any) -> Any:
    return copy.deepcopy(value)


# -- activities and guides -------------------------------------------------


@functools.cache
def _activities() -> tuple[Activity, ...]:
    return tuple(_activity(row) for row in _activity_rows())


def _activity(row: dict[str, Any]) -> Activity:
    return Activity(key=row["key"], title=row["title"], short=row["short"], minutes=int(row["minutes"]),
                    summary=row["summary"])


def activities() -> list[Activity]:
    """The activities in running order, the opening first (a new list of immutable records)."""
    return list(_activities())


def activity(key: str) -> Activity:
    """One activity by key (the six, or ``"review"``); ``KeyError`` if there is no such activity."""
    for a in _activities():
        if a.key == key:
            return a
    if key == REVIEW_KEY:
        return review_activity()
    raise KeyError(key)


@functools.cache
def review_activity() -> Activity:
    """The follow-up review, described like the six activities."""
    return _activity(_toml("review.toml")["activity"])


def review() -> dict[str, Any]:
    """The follow-up review's words: ``kinds`` (concerns, dual_roles, actions in walking
    order, each with label, plural, question and statuses), ``statuses`` (key -> label
    and mark), ``fields`` (field name -> label, in the order an item is shown) and
    ``text`` (labels and messages on screen)."""
    data = _toml("review.toml")
    return _copy({"kinds": data["kind"], "statuses": data["status"], "fields": data["field"], "text": data["text"]})


def opening() -> dict[str, Any]:
    """The opening's words (opening.toml): ``pages`` in order (key, title, lead, points of
    term and text, source keys, and ``box`` rows: key, kind, label, hint) and ``text``
    (labels and messages on screen and in the record)."""
    data = _toml("opening.toml")
    return _copy({"pages": data["page"], "text": data["text"]})


def guide(key: str, override_dir: Path | str | None = None) -> str:
    """The facilitator guide (Markdown) for an activity, ``"welcome"`` or ``"details"``.

    If ``override_dir/<key>.md`` exists it is used instead of the shipped guide
    (read fresh each call, so edits show without restarting). Unknown keys raise
    ``KeyError``.
    """
    if key not in GUIDE_KEYS and key != REVIEW_KEY:
        raise KeyError(key)
    if override_dir is not None:
        path = Path(override_dir) / f"{key}.md"
        if path.is_file():
            # A stray byte in a hand-edited file should not stop the day.
            return path.read_text(encoding="utf-8", errors="replace")
    return _read(f"guides/{key}.md")


# -- activity content --------------------------------------------------------


def hopes_fears() -> dict[str, Any]:
    """Prompts, "about" options, seed hopes and team readiness indicators."""
    data = _toml("hopes_fears.toml")
    return _copy(
        {
            "prompts": data["prompts"],
            "about": data["about"],
            "seed_hopes": data["seed_hopes"],
            "readiness": data["readiness"],
        }
    )


def expertise_sources() -> list[dict[str, Any]]:
    """The three sources of expertise: life, lived, professional."""
    return _copy(_toml("expertise.toml")["source"])


def concern_library() -> list[dict[str, Any]]:
    """Common concerns with the gist of responses (group "common" or "other")."""
    return _copy(_toml("concerns.toml")["concern"])


def concern_categories() -> list[dict[str, Any]]:
    """Category choices for a concern: every library key, then "other"."""
    data = _toml("concerns.toml")
    rows = [{"key": c["key"], "label": c["label"]} for c in data["concern"]]
    rows += [{"key": c["key"], "label": c["label"]} for c in data["category"]]
    return rows


def dual_role_presets() -> list[dict[str, Any]]:
    """The six preset dual-role situations, each with a prompt question."""
    return _copy(_toml("dual_roles.toml")["preset"])


def jd_criteria() -> list[dict[str, Any]]:
    """Criteria groups for the JD review, each with its items."""
    return _copy(_toml("jd_criteria.toml")["group"])


def compromise_signs() -> list[dict[str, Any]]:
    """Signs that a job description has been compromised."""
    return _copy(_toml("jd_criteria.toml")["compromise_sign"])


def example_duties() -> list[dict[str, Any]]:
    """The guidance's example peer duties, with patterns that suggest a draft includes one."""
    return _copy(_toml("jd_criteria.toml").get("example_duty", []))


def wording_lexicon() -> list[dict[str, Any]]:
    """Wording to query, most specific entries first (see lexicon.toml).

    Compile each ``pattern`` (and its optional ``neutral`` patterns) with
    ``workshop.jd.safe_pattern``. To flag a stretch of text once, keep the earliest entry that
    matches it and skip later overlapping matches.
    """
    return _copy(_toml("lexicon.toml")["term"])


def neutral_wording() -> list[dict[str, Any]]:
    """Names of groups and services, self-identification and staff wellbeing: stretches of
    text inside which no wording is flagged (see lexicon.toml)."""
    return _copy(_toml("lexicon.toml").get("neutral", []))


def peer_essentials() -> list[dict[str, Any]]:
    """Content a peer JD should contain; present when ANY pattern matches (re.IGNORECASE)."""
    return _copy(_toml("lexicon.toml")["essential"])


def taking_stock() -> list[dict[str, Any]]:
    """The four stages (preparation, recruitment, support, sustaining) and their topics."""
    return _copy(_toml("taking_stock.toml")["stage"])


def taking_stock_columns() -> list[str]:
    """Column headings of the guidelines' taking-stock tables."""
    return _copy(_toml("taking_stock.toml")["columns"])


def sources() -> list[dict[str, Any]]:
    """The four source documents, for credits and the record's appendix."""
    return _copy(_toml("sources.toml")["source"])


# -- demo workshop -----------------------------------------------------------


@functools.cache
def _demo() -> dict[str, Any]:
    raw = json.loads(_read("demo.json"))
    demo = {k: v for k, v in raw.items() if not k.startswith("_")}
    for jd in demo.get("job_descriptions", []):
        text_file = jd.pop("text_file", None)
        if text_file is not None:
            jd["text"] = _read(text_file)
    return demo


def demo_workshop() -> dict[str, Any]:
    """A fictional, filled-in workshop in the shape of format v1 (no ids or timestamps).

    Links use local refs: a target record has ``"ref"``; a concern raised from a
    fear has ``"from_fear_ref"`` naming that fear's ref. The store resolves them.
    """
    return _copy(_demo())


def room_page() -> dict[str, Any]:
    """The words of the room: the page on participants' phones and its choices per activity."""
    return _copy(_toml("room.toml"))
