"""Reading and checking a template file, with the file, the line and the reason in plain
words for every mistake.

Plain Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any, Iterable

from workshop import content, model
from workshop.jd import safe_pattern
from workshop.template.lines import Path_, locate
from workshop.template.spec import (
    _KEY, FORMAT, KEY_PREFIX, LIMITS, MAX_BYTES, MAX_ENTRIES, MAX_MINUTES, MAX_PROMPT_CHARS, TABLE_KEYS,
    TOP_KEYS, WHAT, Template, TemplateError,
)


def _read(path: Path) -> str:
    name = path.name or str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise TemplateError(name, "this is a folder, not a template file")
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(name, "this is not an ordinary file")
        if info.st_size > MAX_BYTES:
            raise TemplateError(name, f"the file is {info.st_size:,} bytes; a template is at most "
                                      f"{MAX_BYTES:,} bytes (a few kilobytes is usual)")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise TemplateError(name, "there is no such file") from None
    except PermissionError:
        raise TemplateError(name, "the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise TemplateError(name, f"the file cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise TemplateError(name, f"the file is over {MAX_BYTES:,} bytes; a template is a few kilobytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise TemplateError(name, "the file is not UTF-8 text; save it again as UTF-8 (most editors "
                                  "offer this under Save As)", line) from None


_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$|\s*\(at end of document\)\s*$")
_TOML_REASONS = (
    ("Cannot overwrite a value", "this setting is given a value twice"),
    ("Cannot declare", "this section is written twice; use [[double brackets]] for a list of sections"),
    ("Invalid value", "the value is not understood; text needs quotes, \"like this\""),
    ("Unterminated string", "a quotation mark is not closed"),
    ("Illegal character '\\n'", "a quotation mark is not closed on this line"),
    ("Unclosed array", "a list opened with [ is not closed with ]"),
    ("Unclosed inline table", "a { is not closed with }"),
    ("Expected '=' after a key", "expected = after the name of a setting"),
    ("Invalid statement", "this line is not a setting (name = value) or a [section]"),
    ("Expected newline or end of document", "something follows the value on the same line"),
    ("Illegal character", "a character that is not allowed here (for example a tab inside quotes)"),
    ("Invalid initial character for a key part", "a setting's name should be plain letters, digits, _ or -"),
)


def _syntax(exc: tomllib.TOMLDecodeError, text: str, name: str) -> TemplateError:
    message = str(exc)
    found = _TOML_LINE.search(message)
    reason = _TOML_LINE.sub("", message)
    line = int(found.group(1)) if found and found.group(1) else (text.count("\n") + 1 if found else None)
    for start, plain in _TOML_REASONS:
        if reason.startswith(start):
            reason = plain
            break
    else:
        reason = reason[:1].lower() + reason[1:]
    return TemplateError(name, f"{reason} (the file is not valid TOML)", line)


# --- checking, with a line for every mistake ---------------------------------------------------


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _ordinal_where(table: str, index: int, key: str | None = None) -> str:
    where = f"{table} {index + 1}"
    return f"{where}, {key}" if key else where


def _misplaced(key: str) -> str:
    return (f"'{key}' is written under a [section] heading, so it belongs to that section; "
            f"move it above the first [section] of the file")


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def _pattern_for(phrase: str) -> str:
    """A word-bounded, case-insensitive pattern for a plain phrase: any spacing or hyphen
    between its words, so "service user led" also finds "service-user led"."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase) if w]
    body = r"[\s-]+".join(words)
    start = r"\b" if re.match(r"\w", phrase) else ""
    end = r"\b" if re.search(r"\w$", phrase) else ""
    return f"{start}{body}{end}"


class _Checker:
    def __init__(self, text: str, name: str) -> None:
        self.text, self.name = text, name

    def fail(self, path: Path_, reason: str) -> TemplateError:
        return TemplateError(self.name, reason, locate(self.text, path))

    # values ------------------------------------------------------------------------------------

    def line(self, value: Any, path: Path_, label: str, kind: str, *, multiline: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"{label} should be text in quotes")
        cleaned = model.clean_text(value).strip() if multiline else model.clean_line(value, limit=len(value) + 1)
        if not cleaned:
            raise self.fail(path, f"{label} is empty")
        limit = LIMITS[kind]
        if len(cleaned) > limit:
            raise self.fail(path, f"{label} is {len(cleaned)} characters long; keep it to {limit} or fewer")
        return cleaned

    def text_list(self, value: Any, path: Path_, label: str, kind: str) -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.fail(path, f"{label} should be a list of text in quotes, for example [\"First\", \"Second\"]")
        out, seen = [], set()
        for i, item in enumerate(value):
            text = self.line(item, path + (i,), f"{label} (item {i + 1})", kind)
            if _same(text) in seen:
                raise self.fail(path + (i,), f"{label} has the same text twice: \"{text}\"")
            seen.add(_same(text))
            out.append(text)
        return out

    def unknown(self, data: dict[str, Any], allowed: Iterable[str], path: Path_, label: str) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                if path and key in TOP_KEYS:
                    raise self.fail(path + (key,), _misplaced(key))
                where = f"{label}: " if label else ""
                raise self.fail(path + (key,), f"{where}'{key}' is not a setting a template can have"
                                f"{_did_you_mean(key, allowed)} (known settings: {', '.join(allowed)})")

    # the parts ---------------------------------------------------------------------------------

    def template(self, data: dict[str, Any]) -> Template:
        self.unknown(data, TOP_KEYS, (), "")
        if "format" in data:
            fmt = data["format"]
            if isinstance(fmt, bool) or not isinstance(fmt, int):
                raise self.fail(("format",), "format should be the number 1")
            if fmt != FORMAT:
                newer = "; please use a newer Team Day" if fmt > FORMAT else ""
                raise self.fail(("format",), f"this template is written for format {fmt}; "
                                             f"this Team Day reads format {FORMAT}{newer}")
        fallback = Path(self.name).stem.replace("_", " ").replace("-", " ").strip() or "Template"
        name = self.line(data["name"], ("name",), "name", "name") if "name" in data else fallback[:LIMITS["name"]]
        role = None
        if "role_title" in data:
            role = self.line(data["role_title"], ("role_title",), "role_title", "role_title")
        return Template(
            name=name, file=self.name, role_title=role,
            timeboxes=self.timeboxes(data.get("timeboxes")),
            prompts=self.prompts(data.get("prompts")),
            dual_roles=self.dual_roles(data.get("dual_role")),
            concerns=self.concerns(data.get("concern")),
            wording=self.wording(data.get("wording")),
        )

    def activity_table(self, value: Any, key: str, example: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail((key,), f"{key} should be a section: a line [{key}] followed by lines such as {example}")
        for activity in value:
            if activity in TOP_KEYS and not _did_you_mean(activity, model.ACTIVITIES):  # "concern" is a typo
                raise self.fail((key, activity), _misplaced(activity))
            if activity not in model.ACTIVITIES:
                hint = _did_you_mean(activity, model.ACTIVITIES)
                raise self.fail((key, activity), f"{key}.{activity} is not an activity{hint} "
                                                 f"(the activities are {', '.join(model.ACTIVITIES)})")
        return value

    def timeboxes(self, value: Any) -> dict[str, int]:
        out = {}
        for activity, minutes in self.activity_table(value, "timeboxes", "concerns = 50").items():
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_MINUTES:
                raise self.fail(("timeboxes", activity), f"timeboxes.{activity} should be a whole number of minutes "
                                                         f"from 0 to {MAX_MINUTES}")
            out[activity] = minutes
        return {a: out[a] for a in model.ACTIVITIES if a in out}

    def prompts(self, value: Any) -> dict[str, list[str]]:
        out = {}
        table = self.activity_table(value, "prompts", 'concerns = ["What would help?"]')
        for activity, items in table.items():
            path = ("prompts", activity)
            texts = self.text_list(items, path, f"prompts.{activity}", "prompt")
            total = sum(len(t) for t in texts)
            if total > MAX_PROMPT_CHARS:
                raise self.fail(path, f"the prompts for {activity} come to {total} characters; keep them to "
                                      f"{MAX_PROMPT_CHARS} or fewer in all, so they fit above the activity "
                                      "on a small screen")
            out[activity] = texts
        return {a: out[a] for a in model.ACTIVITIES if a in out}

    def entries(self, value: Any, table: str) -> list[tuple[int, dict[str, Any]]]:
        """The `[[table]]` sections, checked for shape and unknown or missing keys."""
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail((table,), f"write each {WHAT[table]} as its own section headed [[{table}]] "
                                      "(double brackets)")
        if len(value) > MAX_ENTRIES[table]:
            raise self.fail((table, MAX_ENTRIES[table]), f"there are {len(value)} [[{table}]] sections; "
                                                         f"a template may have at most {MAX_ENTRIES[table]}")
        required, optional = TABLE_KEYS[table]
        for index, entry in enumerate(value):
            self.unknown(entry, required + optional, (table, index), _ordinal_where(table, index))
            for key in required:
                if key not in entry:
                    raise self.fail((table, index), f"{_ordinal_where(table, index)} has no {key}")
        return list(enumerate(value))

    def field(self, entry: dict[str, Any], table: str, index: int, key: str, **kw: Any) -> str:
        return self.line(entry[key], (table, index, key), _ordinal_where(table, index, key), key, **kw)

    def dual_roles(self, value: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen = {_same(p["situation"]): "is one of the six situations Team Day already lists"
                for p in content.dual_role_presets()}
        for index, entry in self.entries(value, "dual_role"):
            situation = self.field(entry, "dual_role", index, "situation")
            if _same(situation) in seen:
                raise self.fail(("dual_role", index, "situation"),
                                f"{_ordinal_where('dual_role', index, 'situation')} {seen[_same(situation)]}")
            seen[_same(situation)] = f"is the same as dual_role {len(out) + 1}"
            item = {"key": f"{KEY_PREFIX}{index + 1}", "situation": situation, "prompt": "", "challenge": "",
                    "policy": ""}
            for key in ("prompt", "challenge", "policy"):
                if key in entry:
                    item[key] = self.field(entry, "dual_role", index, key, multiline=key == "challenge")
            out.append(item)
        return out

    def entry_key(self, entry: dict[str, Any], table: str, index: int, base: str, taken: dict[str, int]) -> str:
        if "key" in entry:
            key = self.field(entry, table, index, "key")
            if not _KEY.fullmatch(key):
                raise self.fail((table, index, "key"), f"{_ordinal_where(table, index, 'key')} should be made of "
                                                       "lower-case letters, digits and _ only, for example bank_shifts")
            path: Path_ = (table, index, "key")
        else:
            key = re.sub(r"[^a-z0-9]+", "_", base.casefold()).strip("_")[:LIMITS["key"]] or f"item_{index + 1}"
            path = (table, index)
        full = KEY_PREFIX + key
        if full in taken:
            raise self.fail(path, f"{_ordinal_where(table, index)} has the same key as {table} {taken[full] + 1} "
                                  f"('{key}'); give one of them a different key or label")
        taken[full] = index
        return full

    def concerns(self, value: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        taken: dict[str, int] = {}
        shipped = {_same(c["label"]) for c in content.concern_categories()}
        labels: dict[str, int] = {}
        for index, entry in self.entries(value, "concern"):
            label = self.field(entry, "concern", index, "label")
            if _same(label) in shipped:
                raise self.fail(("concern", index, "label"), f"{_ordinal_where('concern', index, 'label')} \"{label}\" "
                                                             "is already a category in Team Day; choose another label")
            if _same(label) in labels:
                raise self.fail(("concern", index, "label"), f"{_ordinal_where('concern', index, 'label')} \"{label}\" "
                                                             f"is also the label of concern {labels[_same(label)] + 1}")
            labels[_same(label)] = index
            item = {
                "key": self.entry_key(entry, "concern", index, label, taken),
                "label": label,
                "group": "template",
                "title": self.field(entry, "concern", index, "title"),
                "gist": self.text_list(entry["gist"], ("concern", index, "gist"),
                                       _ordinal_where("concern", index, "gist"), "gist"),
                "source": self.field(entry, "concern", index, "source") if "source" in entry else "",
            }
            out.append(item)
        return out

    def wording(self, value: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        taken: dict[str, int] = {}
        phrases: dict[str, int] = {}
        for index, entry in self.entries(value, "wording"):
            phrase = self.field(entry, "wording", index, "phrase")
            if _same(phrase) in phrases:
                where, other = _ordinal_where("wording", index, "phrase"), phrases[_same(phrase)] + 1
                raise self.fail(("wording", index, "phrase"), f"{where} \"{phrase}\" is also in wording {other}")
            phrases[_same(phrase)] = index
            category = "jargon"
            if "category" in entry:
                category = entry["category"]
                if category not in content.LEXICON_CATEGORIES:
                    raise self.fail(("wording", index, "category"),
                                    f"{_ordinal_where('wording', index, 'category')} should be one of "
                                    f"{', '.join(content.LEXICON_CATEGORIES)}")
            pattern = _pattern_for(phrase)
            if "pattern" in entry:
                pattern = self.field(entry, "wording", index, "pattern")
                where = _ordinal_where("wording", index, "pattern")
                try:
                    compiled = safe_pattern.safe_compile(pattern)
                except safe_pattern.UnsafePattern as exc:
                    raise self.fail(("wording", index, "pattern"), f"{where} {exc}") from None
                if compiled.fullmatch(""):
                    raise self.fail(("wording", index, "pattern"),
                                    f"{where} matches empty text, so it would flag nothing useful")
            out.append({
                "key": self.entry_key(entry, "wording", index, phrase, taken),
                "pattern": pattern,
                "phrase": phrase,
                "category": category,
                "reason": self.field(entry, "wording", index, "reason"),
                "suggestion": self.field(entry, "wording", index, "suggestion"),
            })
        return out


