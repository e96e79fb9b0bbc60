"""Discussion notes: one Markdown parser for the app and the record, and a walker that
turns markdown-it-py tokens into a small block tree both record writers render.

The record's parser has raw HTML switched off: a note that contains `<b>` or `<script>`
shows those characters as typed instead of interpreting them, in Word and in email.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .textclean import clean

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def make_parser(*, html: bool = False) -> MarkdownIt:
    """The shared parser settings ("gfm-like": tables, strikethrough, autolinks).

    Usable as Textual's `Markdown(parser_factory=make_parser)`. html stays off for the
    record; the widget may turn it on to match Textual's own default.
    """
    parser = MarkdownIt("gfm-like", {"html": html})
    try:
        import linkify_it  # noqa: F401  (gfm-like needs it for bare URLs)
    except ImportError:
        parser.disable("linkify")
        parser.options["linkify"] = False
    return parser


@dataclass(slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    br: bool = False  # a hard line break; text is empty

    def same_format(self, other: "Run") -> bool:
        return (self.bold, self.italic, self.strike, self.code, self.href, self.br) == (
            other.bold, other.italic, other.strike, other.code, other.href, other.br)


@dataclass(slots=True)
class MdPara:
    runs: list[Run]


@dataclass(slots=True)
class MdHeading:
    level: int
    runs: list[Run]


@dataclass(slots=True)
class MdList:
    ordered: bool
    start: int
    items: list[list["Block"]] = field(default_factory=list)


@dataclass(slots=True)
class MdQuote:
    blocks: list["Block"]


@dataclass(slots=True)
class MdCode:
    text: str
    lang: str = ""


@dataclass(slots=True)
class MdRule:
    pass


@dataclass(slots=True)
class MdTable:
    header: list[list[Run]]
    rows: list[list[list[Run]]]


Block = Union[MdPara, MdHeading, MdList, MdQuote, MdCode, MdRule, MdTable]

_PARSER: MarkdownIt | None = None


def parse_notes(text: str) -> list[Block]:
    """Markdown text as blocks; never raises on odd input."""
    global _PARSER
    text = clean(text)
    if not text.strip():
        return []
    if _PARSER is None:
        _PARSER = make_parser()
    tokens = _PARSER.parse(text)
    blocks, _ = _blocks(tokens, 0, None)
    return blocks


def runs_text(runs: list[Run]) -> str:
    return "".join("\n" if r.br else r.text for r in runs)


def _blocks(tokens: list[Token], i: int, close: str | None) -> tuple[list[Block], int]:
    out: list[Block] = []
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind == close:
            return out, i + 1
        if kind == "paragraph_open":
            out.append(MdPara(_inline(tokens[i + 1])))
            i += 3
        elif kind == "heading_open":
            out.append(MdHeading(int(tok.tag[1:] or 1), _inline(tokens[i + 1])))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i)
            out.append(block)
        elif kind == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(MdQuote(inner))
        elif kind in ("fence", "code_block"):
            out.append(MdCode(tok.content.rstrip("\n"), (tok.info or "").strip()))
            i += 1
        elif kind == "hr":
            out.append(MdRule())
            i += 1
        elif kind == "table_open":
            block, i = _table(tokens, i + 1)
            out.append(block)
        elif kind == "html_block":
            out.append(MdPara([Run(tok.content.rstrip("\n"))]))
            i += 1
        else:
            i += 1
    return out, i


def _list(tokens: list[Token], i: int) -> tuple[MdList, int]:
    tok = tokens[i]
    ordered = tok.type == "ordered_list_open"
    start_attr = tok.attrGet("start")
    try:
        start = int(start_attr) if start_attr is not None else 1
    except (TypeError, ValueError):
        start = 1
    block = MdList(ordered, start)
    close = "ordered_list_close" if ordered else "bullet_list_close"
    i += 1
    while i < len(tokens) and tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            item, i = _blocks(tokens, i + 1, "list_item_close")
            block.items.append(item)
        else:
            i += 1
    return block, i + 1


def _table(tokens: list[Token], i: int) -> tuple[MdTable, int]:
    header: list[list[Run]] = []
    rows: list[list[list[Run]]] = []
    row: list[list[Run]] = []
    in_head = False
    while i < len(tokens) and tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
        elif kind == "inline":
            row.append(_inline(tokens[i]))
        i += 1
    width = max([len(header)] + [len(r) for r in rows])
    header += [[] for _ in range(width - len(header))]
    for r in rows:
        r += [[] for _ in range(width - len(r))]
    return MdTable(header, rows), i + 1


def _safe_href(href: str | None) -> str | None:
    if href and href.lower().startswith(_SAFE_SCHEMES):
        return href
    return None


def _inline(tok: Token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = strike = 0
    href: str | None = None

    def add(text: str, code: bool = False, br: bool = False) -> None:
        run = Run(text, bold > 0, italic > 0, strike > 0, code, href, br)
        if runs and not br and runs[-1].same_format(run):
            runs[-1].text += text
        else:
            runs.append(run)

    for child in tok.children or ():
        kind = child.type
        if kind == "text" or kind == "html_inline":
            add(child.content)
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("", br=True)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            href = _safe_href(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            href = None
        elif kind == "image":
            alt = child.content or "".join(c.content for c in child.children or ())
            add(f"[image: {alt}]" if alt else "[image]")
    return [r for r in runs if r.text or r.br]
