"""Names typed anywhere: found in free text and swapped for a role before the record is laid out.

A replacement is wrapped in private-use marker characters while the record is being built.
Only the finished record is searched for them (`settle`), so the count is of replacements
that really are in the document: text later held back, or a table a writer leaves out, does
not count. The markers never reach a file: `settle` removes every one of them.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from .textclean import clean_line

NAME_MARK = "\ue000"  # opens a replaced name
ROLE_MARK = "\ue002"  # opens a role shown as "a team member"
END_MARK = "\ue001"
MARKS = re.compile("[\ue000-\ue002]")
TEAM_MEMBER = "a team member"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# Edges of a typed name that are not part of it: "Morag Ellison (lead)", "Dev,".
_EDGE = "\"'‘’“”.,;:!?()[]{}<>*_~`"
# What may come just before a replacement that starts a sentence (or a list item), so
# "a team member" becomes "A team member" there.
_LINE_START = r"\s*(?:[-*+>]\s+|\d+[.)]\s+|#+\s+)?"
_AFTER_SENTENCE = re.compile(rf"(?:[.!?]\s+|\n{_LINE_START})$")
_TEXT_START = re.compile(rf"{_LINE_START}$")
# Never searched: ids, links and times, which are never printed, and the fixed choices a
# workshop file is checked against when opened ("hope", "open", ...), which decide where an
# entry goes: a person called Hope must not turn her hopes into other entries. Every other
# field is searched, free keys such as `category` too, since a key the record does not know
# is printed as typed.
STRUCTURE = frozenset({
    "id", "created_at", "updated_at", "deleted_at", "versions", "jd_id", "item_id", "origin_id",
    "from_fear", "carried_from", "item_table", "source", "kind", "status", "state", "stage",
    "scope", "raised_how", "activity",
})


def person_key(text: object) -> str:
    """A name or role as compared: cleaned, single-spaced, any case, one kind of apostrophe."""
    text = unicodedata.normalize("NFC", clean_line(text))
    return " ".join(text.split()).casefold().translate(_APOSTROPHES)


def _tokens(name: str) -> list[str]:
    return [t for t in (w.strip(_EDGE) for w in name.split()) if t]


@dataclass(frozen=True, slots=True)
class PrivacyReport:
    """How many replacements the finished record holds (never which)."""
    names_replaced: int = 0
    roles_hidden: int = 0
    include_names: bool = False
    document: str = "record"  # what is about to be written: "record", "spreadsheets", "programme"

    def sentences(self) -> list[str]:
        """Plain sentences for the facilitator, before the record is written."""
        out = []
        if self.names_replaced:
            out.append(names_sentence(self.names_replaced, self.include_names))
        if self.roles_hidden:
            out.append(roles_sentence(self.roles_hidden))
        if not out:
            out.append(f"No names or identifying roles needed replacing in the {self.document}.")
        return out


def names_sentence(n: int, include_names: bool) -> str:
    if include_names:
        who = "a person who did not agree to be named" if n == 1 else "people who did not agree to be named"
    else:
        who = "a person who took part" if n == 1 else "people who took part"
    return (f"{n} {'name' if n == 1 else 'names'} of {who} {'was' if n == 1 else 'were'} replaced by "
            f"their role, or by \"{TEAM_MEMBER}\" where the role would identify them.")


def roles_sentence(n: int) -> str:
    if n == 1:
        return f"1 mention of a role held by only one person is shown as \"{TEAM_MEMBER}\"."
    return f"{n} mentions of a role held by only one person are shown as \"{TEAM_MEMBER}\"."


class NameFinder:
    """Finds, in any text, the names of people who are not to be named in this record.

    `hidden`: (name, what to write instead) for each such person; `everyone`: every name
    known (named or not), so a given name or surname shared by two people is never taken
    as either one's on its own.
    """

    def __init__(self, hidden: Iterable[tuple[str, str]], everyone: Iterable[str]):
        owners: dict[str, set[str]] = {}
        for name in everyone:
            key = person_key(name)
            for token in _tokens(key):
                owners.setdefault(token, set()).add(key)
        self._instead: dict[str, str] = {}
        choices: dict[str, set[str]] = {}
        for name, instead in hidden:
            key = person_key(name)
            tokens = _tokens(key)
            if not tokens:
                continue
            terms = [" ".join(tokens)]
            if len(tokens) > 1:
                # Given name or surname alone, where no one else has it; a single letter
                # (an initial) is too common a word to replace.
                terms += [t for t in tokens if len(t) > 1 and owners.get(t) == {key}]
            for term in terms:
                choices.setdefault(term, set()).add(instead)
        for term, insteads in choices.items():
            # Two people of the same name and different roles: neither role is safe.
            self._instead[term] = next(iter(insteads)) if len(insteads) == 1 else TEAM_MEMBER
        self._pattern = None
        if self._instead:
            parts = sorted(self._instead, key=len, reverse=True)  # "Morag Ellison" before "Morag"
            alternatives = "|".join(r"\s+".join(re.escape(t).replace("'", "['’‘ʼ]") for t in term.split(" "))
                                    for term in parts)
            # Whole words, where "_" is not part of a word: Markdown's _emphasis_, file_names.
            self._pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def replace(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)  # "Zoë" typed as "e" and a combining mark
        return self._pattern.sub(lambda m: self._swap(m, text), text)

    def _swap(self, match: re.Match, text: str) -> str:
        instead = self._instead.get(person_key(match.group(0)), TEAM_MEMBER)
        start = match.start()
        before = text[max(0, start - 12):start]
        starts = _TEXT_START.fullmatch(before) if start <= 12 else None
        if (starts or _AFTER_SENTENCE.search(before)) and instead[:1].islower():
            instead = instead[:1].upper() + instead[1:]
        return f"{NAME_MARK}{instead}{END_MARK}"

    def scrub(self, value: object, field: str | None = None) -> object:
        """A copy of `value` (a row, a list, a string) with the names replaced in every
        field that holds words."""
        if field in STRUCTURE:
            return value
        if isinstance(value, str):
            return self.replace(value)
        if isinstance(value, dict):
            return {k: self.scrub(v, k if isinstance(k, str) else None) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub(v, field) for v in value]
        return value


def hidden_role() -> str:
    return f"{ROLE_MARK}{TEAM_MEMBER}{END_MARK}"


def settle(value: object, tally: list[int]) -> object:
    """Remove every marker from a finished record (blocks, lists, tuples, strings), counting
    the replacements: tally[0] names, tally[1] roles. Lists and blocks change in place."""
    if isinstance(value, str):
        if not MARKS.search(value):
            return value
        tally[0] += value.count(NAME_MARK)
        tally[1] += value.count(ROLE_MARK)
        return MARKS.sub("", value)
    if isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = settle(item, tally)
        return value
    if isinstance(value, tuple):
        return tuple(settle(item, tally) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            setattr(value, f.name, settle(getattr(value, f.name), tally))
    return value
