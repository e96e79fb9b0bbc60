"""The wording check for a draft job description: an aid to discussion that decides nothing.

Two kinds of flag:
- wording: a stretch of the draft that matches an entry of `content.wording_lexicon()`
  (clinical, deficit, jargon or label wording, or duties that pull the role into other
  work), with the reason and a person-first suggestion. The lexicon is ordered most
  specific first: the first entry that matches a stretch keeps it, and later matches
  overlapping it are skipped. The same words used neutrally (the name of a group or a
  service, people naming themselves, staff wellbeing) are not flagged.
- missing: peer-essential content (`content.peer_essentials()`) that no pattern finds.

A workshop made from an organisation template checks its drafts against the template's
wording too: pass `lexicon=lexicon_for(workshop)`. Every pattern, shipped or from a
template or session file, is compiled by `workshop.jd.safe_pattern`, so none can freeze the
app on any draft; an unsafe one is left out.

Saved flags (`jd_flags` records) are matched to what a check finds by their phrase and
reason (`flag_identity`), so re-running the check keeps the decisions already taken.
No Textual here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable

from workshop import content, model
from workshop.template import customise
from workshop.jd import safe_pattern

MISSING_PREFIX = "Missing: "
UK_SUFFIX = " (UK law)"


@dataclass(frozen=True)
class Flag:
    """One hit of the check. `start`/`end` locate a wording hit in the text; a missing
    essential has neither."""

    kind: str  # "wording" | "missing"
    key: str  # the lexicon or essential key
    phrase: str
    reason: str
    suggestion: str
    category: str = ""  # clinical | deficit | jargon | label, or "missing"
    start: int | None = None
    end: int | None = None
    uk_only: bool = False

    @property
    def identity(self) -> tuple[str, str]:
        return flag_identity(self.phrase, self.reason)


@dataclass
class FlagGroup:
    """Every place the same phrase was flagged for the same reason: one saved flag."""

    flag: Flag
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def identity(self) -> tuple[str, str]:
        return self.flag.identity


def flag_identity(phrase: str, reason: str) -> tuple[str, str]:
    """What makes two flags the same: the phrase, ignoring case and spacing, and the reason."""
    return " ".join(str(phrase).split()).casefold(), " ".join(str(reason).split())


def is_missing(record: dict[str, Any]) -> bool:
    """A saved flag about missing content (rather than wording in the draft)."""
    return str(record.get("phrase", "")).startswith(MISSING_PREFIX)


# --- compiled content ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    key: str
    regex: re.Pattern[str]
    category: str
    reason: str
    suggestion: str
    neutral: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class _Essential:
    key: str
    title: str
    regexes: tuple[re.Pattern[str], ...]
    reason: str
    suggestion: str
    uk_only: bool


def _safe(pattern: Any) -> re.Pattern[str] | None:
    """The pattern compiled so that it cannot freeze the check, or None when it is unsafe or
    not a pattern: a bad entry in a session file drops out instead of stopping the review."""
    try:
        return safe_pattern.safe_compile(str(pattern))
    except safe_pattern.UnsafePattern:
        return None


def _patterns(values: Any) -> tuple[re.Pattern[str], ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(p for p in map(_safe, values or ()) if p is not None)


def _terms(entries: Iterable[dict[str, Any]]) -> tuple[_Term, ...]:
    out = []
    for e in entries:
        regex = _safe(e.get("pattern", ""))
        if regex is None:
            continue
        out.append(_Term(str(e["key"]), regex, str(e.get("category", "")), str(e.get("reason", "")),
                         str(e.get("suggestion", "")), _patterns(e.get("neutral"))))
    return tuple(out)


def _essentials(entries: Iterable[dict[str, Any]]) -> tuple[_Essential, ...]:
    return tuple(
        _Essential(str(e["key"]), str(e.get("title", e["key"])), _patterns(e.get("patterns", ())),
                   str(e.get("reason", "")), str(e.get("suggestion", "")), bool(e.get("uk_only", False)))
        for e in entries
    )


@functools.cache
def _shipped() -> tuple[tuple[_Term, ...], tuple[_Essential, ...]]:
    return _terms(content.wording_lexicon()), _essentials(content.peer_essentials())


@functools.cache
def _neutral() -> tuple[re.Pattern[str], ...]:
    return _patterns([e["pattern"] for e in content.neutral_wording()])


_TERM_FIELDS = ("key", "pattern", "category", "reason", "suggestion")


@functools.lru_cache(maxsize=8)
def _compiled(entries: tuple[tuple[Any, ...], ...]) -> tuple[_Term, ...]:
    return _terms(dict(zip(_TERM_FIELDS + ("neutral",), e)) for e in entries)


def _lexicon_terms(lexicon: list[dict[str, Any]]) -> tuple[_Term, ...]:
    """Compiled once per distinct lexicon: a workshop's own lexicon is checked on every edit."""
    return _compiled(tuple(
        tuple(str(e.get(k, "")) for k in _TERM_FIELDS) + (_neutral_key(e.get("neutral")),) for e in lexicon))


def _neutral_key(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


class _Spans:
    """Matches of some patterns in a text, asked whether one of them contains a stretch."""

    def __init__(self, regexes: Iterable[re.Pattern[str]], text: str) -> None:
        spans = sorted(m.span() for regex in regexes for m in regex.finditer(text) if m.end() > m.start())
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end of any span starting at or before each one
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def contain(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


def lexicon_for(workshop: dict[str, Any] | None) -> list[dict[str, Any]] | None:
    """The wording to check a workshop's drafts against: None (the shipped lexicon) unless
    its organisation template adds wording of its own."""
    return customise.wording_lexicon(workshop) if customise.extra_wording(workshop) else None


# --- the check -------------------------------------------------------------------------------


def find_wording(text: str, lexicon: list[dict[str, Any]] | None = None) -> list[Flag]:
    """Wording hits in `text`, in the order they appear. Overlapping hits are resolved in
    favour of the entry that comes first in the lexicon. A hit inside a neutral use (the
    lexicon's names of groups and services, self-identification, staff wellbeing, or the
    entry's own `neutral` patterns) is not flagged. Entries whose pattern is unsafe
    (`workshop.jd.safe_pattern`) are left out rather than run."""
    terms = _shipped()[0] if lexicon is None else _lexicon_terms(lexicon)
    neutral = _Spans(_neutral(), text)
    starts: list[int] = []  # kept spans, sorted; they never overlap, so ends are sorted too
    ends: list[int] = []
    kept: list[tuple[int, int, _Term]] = []
    for term in terms:
        own = _Spans(term.neutral, text) if term.neutral else None
        for match in term.regex.finditer(text):
            start, end = match.span()
            if start == end or neutral.contain(start, end) or (own is not None and own.contain(start, end)):
                continue
            i = bisect_left(starts, start)
            if i > 0 and ends[i - 1] > start:
                continue
            if i < len(starts) and starts[i] < end:
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            kept.insert(i, (start, end, term))
    return [
        Flag("wording", term.key, model.clean_line(text[start:end]), term.reason, term.suggestion,
             term.category, start, end)
        for start, end, term in kept
    ]


def find_missing(text: str, essentials: list[dict[str, Any]] | None = None, *, uk: bool = True) -> list[Flag]:
    """Peer-essential content that none of its patterns finds in `text`. Entries marked
    `uk_only` are checked only when UK law applies (`uk`)."""
    found = _shipped()[1] if essentials is None else _essentials(essentials)
    out = []
    for item in found:
        if item.uk_only and not uk:
            continue
        if any(regex.search(text) for regex in item.regexes):
            continue
        title = item.title + (UK_SUFFIX if item.uk_only else "")
        out.append(Flag("missing", item.key, MISSING_PREFIX + title, item.reason, item.suggestion,
                        "missing", uk_only=item.uk_only))
    return out


@functools.cache
def _duties() -> tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]:
    return tuple((str(d["key"]), str(d["title"]), _patterns(d.get("patterns", ()))) for d in content.example_duties())


def find_duties(text: str) -> list[tuple[str, str, bool]]:
    """The guidance's example peer duties as (key, title, seems present): a prompt for the
    group, who decide for themselves whether each is present, missing or wanted."""
    return [(key, title, any(regex.search(text) for regex in regexes)) for key, title, regexes in _duties()]


def check_wording(text: str, *, uk: bool = True, lexicon: list[dict[str, Any]] | None = None,
                  essentials: list[dict[str, Any]] | None = None) -> list[Flag]:
    """Every flag for `text`: wording hits in reading order, then missing content."""
    return find_wording(text, lexicon) + find_missing(text, essentials, uk=uk)


def group_flags(flags: Iterable[Flag]) -> list[FlagGroup]:
    """One group per phrase and reason, in the order each first appears."""
    groups: dict[tuple[str, str], FlagGroup] = {}
    for flag in flags:
        group = groups.get(flag.identity)
        if group is None:
            group = groups[flag.identity] = FlagGroup(flag)
        if flag.start is not None and flag.end is not None:
            group.spans.append((flag.start, flag.end))
    return list(groups.values())


@dataclass
class Reconciled:
    """What to save after a check: new flags to add, and open flags whose phrase is gone."""

    add: list[dict[str, Any]]
    remove: list[str]  # record ids


def reconcile(saved: Iterable[dict[str, Any]], groups: Iterable[FlagGroup]) -> Reconciled:
    """Compare the saved flags of one draft with a fresh check. A decision already taken
    (accepted or dismissed) is never lost: such a flag stays even when its phrase has gone
    from the draft (the view shows it as resolved). Open flags that are gone are removed."""
    saved = list(saved)
    groups = list(groups)
    known = {flag_identity(r.get("phrase", ""), r.get("reason", "")) for r in saved}
    found = {g.identity for g in groups}
    add = [
        {"phrase": g.flag.phrase, "reason": g.flag.reason, "suggestion": g.flag.suggestion, "state": "open"}
        for g in groups if g.identity not in known
    ]
    remove = [
        r["id"] for r in saved
        if r.get("state", "open") == "open" and flag_identity(r.get("phrase", ""), r.get("reason", "")) not in found
    ]
    return Reconciled(add, remove)
