"""The record as Markdown, for email: the same blocks as the Word record, so the same
content and the same privacy rules."""

from __future__ import annotations

import re

from .blocks import Bars, Bullets, Contents, Fields, GroupRow, Heading, Notes, Para, Record, Table
from .mdparse import Block, MdCode, MdHeading, MdList, MdPara, MdQuote, MdRule, MdTable, Run

HEADER_TEXT = "Confidential: for the planning group"
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_MARK = re.compile(r"^([#+\-=])")
_LINE_NUMBER = re.compile(r"^(\d+)([.)])")
_BACKTICKS = re.compile(r"`+")
_NOTE_OFFSET = 3  # a note's "# x" sits below the section's "### Discussion notes"


def md_text(text: str) -> str:
    """Plain text that Markdown will show as typed, line breaks kept."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        line = _LINE_NUMBER.sub(r"\1\\\2", _LINE_MARK.sub(r"\\\1", line))
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    # A backslash at the end of a line is a hard break; blank lines would end the block.
    return "\\\n".join(line or "&#32;" for line in lines)


def _cell(text: str) -> str:
    return md_text(text).replace("\\\n", "<br>") or " "


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def write_markdown(record: Record) -> str:
    out: list[str] = [f"**{HEADER_TEXT}**"]
    for section in record.sections:
        for item in section.items:
            out.append(_item(item))
    return "\n\n".join(x for x in out if x) + "\n"


def _item(item) -> str:
    if isinstance(item, Heading):
        return "#" * min(item.level + 1, 6) + " " + md_text(item.text).replace("\\\n", " ")
    if isinstance(item, Para):
        text = md_text(item.text)
        if not text:
            return ""
        if item.style == "status":
            return f"**{text}**"
        return f"*{text}*" if item.style in ("note", "lead") else text
    if isinstance(item, Fields):
        return "\n".join(f"- **{md_text(k)}:** {md_text(v)}" for k, v in item.pairs)
    if isinstance(item, Bullets):
        return "\n".join("- " + md_text(t).replace("\\\n", "\\\n  ") for t in item.items)
    if isinstance(item, Table):
        width = len(item.columns)
        rows = [[f"**{_cell(r.label)}**"] + [" "] * (width - 1) if isinstance(r, GroupRow)
                else [_cell(c) for c in r] for r in item.rows]
        return _table([_cell(c.title) for c in item.columns], rows)
    if isinstance(item, Bars):
        top = max([r.count for r in item.rows if r.count is not None] + [0])
        rows = []
        for r in item.rows:
            if r.count is None:
                rows.append([_cell(r.label), "–", f"*{_cell(r.remark)}*"])
            else:
                filled = max(1, round(r.count / top * item.cells)) if r.count and top else 0
                rows.append([_cell(r.label), str(r.count), "█" * filled or " "])
        return _table([item.label_title, item.count_title, "Balance"], rows)
    if isinstance(item, Notes):
        return notes_markdown(item.blocks)
    if isinstance(item, Contents):
        return "\n".join(f"{i}. {md_text(title)}" for i, (_, title) in enumerate(item.entries, 1))
    return ""


def _wrap(text: str, mark: str) -> str:
    # Emphasis markers must touch non-space text on both sides (CommonMark flanking rules).
    core = text.strip(" ")
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip(" "))]
    trail = text[len(text.rstrip(" ")):]
    return f"{lead}{mark}{core}{mark}{trail}"


def runs_markdown(runs: list[Run]) -> str:
    out = []
    for r in runs:
        if r.br:
            out.append("\\\n")
            continue
        if r.code:
            ticks = max((len(m) for m in _BACKTICKS.findall(r.text)), default=0) + 1
            fence = "`" * ticks
            pad = " " if r.text.startswith("`") or r.text.endswith("`") else ""
            text = f"{fence}{pad}{r.text}{pad}{fence}"
        else:
            text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", r.text))
        if r.strike:
            text = _wrap(text, "~~")
        if r.italic:
            text = _wrap(text, "*")
        if r.bold:
            text = _wrap(text, "**")
        if r.href:
            url = r.href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            text = f"[{text}]({url})"
        out.append(text)
    return "".join(out)


def notes_markdown(blocks: list[Block], offset: int = _NOTE_OFFSET) -> str:
    return "\n\n".join(b for b in (_block(b, offset) for b in blocks) if b)


def _block(b: Block, offset: int) -> str:
    if isinstance(b, MdPara):
        return _line_start_safe(runs_markdown(b.runs))
    if isinstance(b, MdHeading):
        return "#" * min(b.level + offset, 6) + " " + runs_markdown(b.runs).replace("\\\n", " ")
    if isinstance(b, MdList):
        items = []
        for n, item in enumerate(b.items, b.start):
            marker = f"{n}. " if b.ordered else "- "
            body = "\n\n".join(x for x in (_block(c, offset) for c in item) if x) if item else ""
            indent = " " * len(marker)
            items.append(marker + body.replace("\n", "\n" + indent))
        tight = all(len(item) <= 1 for item in b.items)
        return ("\n" if tight else "\n\n").join(i.rstrip() for i in items)
    if isinstance(b, MdQuote):
        inner = notes_markdown(b.blocks, offset)
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if isinstance(b, MdCode):
        ticks = max([len(m) for m in _BACKTICKS.findall(b.text)] + [2]) + 1
        return f"{'`' * ticks}{b.lang}\n{b.text}\n{'`' * ticks}"
    if isinstance(b, MdRule):
        return "---"
    if isinstance(b, MdTable):
        header = [runs_markdown(c).replace("\\\n", "<br>") or " " for c in b.header]
        rows = [[runs_markdown(c).replace("\\\n", "<br>") or " " for c in r] for r in b.rows]
        return _table(header, rows)
    return ""


def _line_start_safe(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(_LINE_NUMBER.sub(r"\1\\\2", _LINE_MARK.sub(r"\\\1", line.lstrip())) for line in lines)
