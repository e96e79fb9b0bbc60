"""Discussion notes (parsed Markdown blocks) as WordprocessingML strings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from . import docx_xml as X
from .mdparse import Block, MdCode, MdHeading, MdList, MdPara, MdQuote, MdRule, MdTable, Run, runs_text
from .textclean import is_rtl

_RULE = ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="A6A6A6"/>'
         "</w:pBdr></w:pPr></w:p>")


@dataclass
class NotesContext:
    link_id: Callable[[str], str]  # external URL -> relationship id
    new_num: Callable[[str, int], int]  # list style id, start -> fresh numId (restarts numbering)
    text_width: int
    table_style: str
    heading_offset: int = 2  # a note's "# Title" sits under the section's Heading 2


def _rpr(r: Run, link: bool) -> str:
    parts = []
    if link:
        parts.append('<w:rStyle w:val="Hyperlink"/>')
    elif r.code:
        parts.append('<w:rStyle w:val="CodeChar"/>')
    if r.bold:
        parts.append("<w:b/><w:bCs/>")
    if r.italic:
        parts.append("<w:i/><w:iCs/>")
    if r.strike:
        parts.append("<w:strike/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def runs_xml(runs: list[Run], ctx: NotesContext) -> str:
    out = []
    for r in runs:
        if r.br:
            out.append("<w:r><w:br/></w:r>")
            continue
        if r.href:
            out.append(f'<w:hyperlink r:id="{ctx.link_id(r.href)}" w:history="1">'
                       f"{X.run(r.text, _rpr(r, True))}</w:hyperlink>")
        else:
            out.append(X.run(r.text, _rpr(r, False)))
    return "".join(out)


def _p(runs: list[Run], style: str | None, ctx: NotesContext, num: tuple[int, int] | None = None) -> str:
    return f"<w:p>{X.ppr(style, num=num, rtl=is_rtl(runs_text(runs)))}{runs_xml(runs, ctx)}</w:p>"


def render(blocks: list[Block], ctx: NotesContext, *, quote: bool = False, depth: int = 0) -> str:
    out: list[str] = []
    body_style = "Quote" if quote else None
    for b in blocks:
        if isinstance(b, MdPara):
            out.append(_p(b.runs, body_style, ctx))
        elif isinstance(b, MdHeading):
            out.append(_p(b.runs, f"Heading{min(b.level + ctx.heading_offset, 6)}", ctx))
        elif isinstance(b, MdList):
            out.append(_list(b, ctx, depth))
        elif isinstance(b, MdQuote):
            out.append(render(b.blocks, ctx, quote=True, depth=depth))
        elif isinstance(b, MdCode):
            out += [X.para(line, "CodeBlock") for line in (b.text.split("\n") or [""])]
        elif isinstance(b, MdRule):
            out.append(_RULE)
        elif isinstance(b, MdTable):
            out.append(_table(b, ctx))
    return "".join(out)


def _list(lst: MdList, ctx: NotesContext, depth: int) -> str:
    level = min(depth, 2)
    suffix = "" if level == 0 else str(level + 1)
    style = ("ListNumber" if lst.ordered else "ListBullet") + suffix
    num = (ctx.new_num(style, lst.start), 0) if lst.ordered else None
    out = []
    for item in lst.items:
        first = True
        for b in item:
            if isinstance(b, MdPara) and first:
                out.append(_p(b.runs, style, ctx, num))
                first = False
            elif isinstance(b, MdList):
                out.append(_list(b, ctx, depth + 1))
            elif isinstance(b, MdPara):
                out.append(_p(b.runs, "ListContinue" + suffix, ctx))
            else:
                out.append(render([b], ctx, depth=depth + 1))
                first = False
        if first:  # an empty item still shows its bullet
            out.append(f"<w:p>{X.ppr(style, num=num)}</w:p>")
    return "".join(out)


def _table(t: MdTable, ctx: NotesContext) -> str:
    n = len(t.header)
    if n == 0:
        return ""
    tx = X.TableXml(X.widths([1.0] * n, ctx.text_width), ["left"] * n, ctx.table_style)
    head = "".join(tx._cell(tx.cols[i], runs_xml([replace(r, bold=True) for r in c], ctx), fill=X.HEADER_FILL,
                            pextra="keep") for i, c in enumerate(t.header))
    keep = min(2, len(t.rows) - 1)  # as the record's own tables: never a header and one row alone
    rows = [tx.row_xml([runs_xml(c, ctx) for c in r], [is_rtl(runs_text(c)) for c in r], keep=n < keep)
            for n, r in enumerate(t.rows)]
    # A paragraph after the table keeps Word from gluing it to a following table.
    return (f"{tx.open()}<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>"
            f"{''.join(rows)}{tx.close()}<w:p/>")
