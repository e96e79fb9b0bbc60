"""WordprocessingML built as strings and parsed once per section.

python-docx's per-paragraph and per-cell API costs about 1.4 s for 2,000 table rows;
building the same XML as text and parsing it in one go takes a few milliseconds.
Child order inside pPr, rPr, tcPr and tblPr follows the schema: Word refuses files that
get it wrong even where LibreOffice does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from .textclean import is_rtl

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WRAP_OPEN = f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
WRAP_CLOSE = "</w:body>"
DOC_OPEN = f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
DOC_CLOSE = "</w:body></w:document>"

# A4 in twentieths of a point, margins of 2 cm.
A4_W, A4_H = 11906, 16838
MARGIN = 1134
TEXT_W_PORTRAIT = A4_W - 2 * MARGIN
TEXT_W_LANDSCAPE = A4_H - 2 * MARGIN

HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"
BAR_FILL = "2F5597"

BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>"
ITALIC = "<w:rPr><w:i/><w:iCs/></w:rPr>"
_WHITE = '<w:{0} w:val="single" w:sz="8" w:space="0" w:color="FFFFFF"/>'
# A row is never torn across two pages: on paper half a row reads as two entries.
KEEP_ROW = "<w:trPr><w:cantSplit/></w:trPr>"


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(text: str) -> str:
    return esc(text).replace('"', "&quot;")


def run(text: str, rpr: str = "") -> str:
    """One run; newlines become line breaks and tabs real tabs."""
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def ppr(style: str | None = None, *, keep_next: bool = False, num: tuple[int, int] | None = None,
        rtl: bool = False, jc: str | None = None, extra_before_jc: str = "", page_break: bool = False) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if num:
        parts.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if rtl:
        parts.append("<w:bidi/>")
    if extra_before_jc:
        parts.append(extra_before_jc)
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def para(text: str, style: str | None = None, rpr: str = "", **kw) -> str:
    return f"<w:p>{ppr(style, rtl=is_rtl(text), **kw)}{run(text, rpr) if text else ''}</w:p>"


def heading(text: str, level: int, anchor: str | None, bookmark_id: int, *, outline: bool = True,
            page_break: bool = False) -> str:
    if level == 0:
        style = "Title"
    elif outline:
        style = f"Heading{level}"
    else:  # looks like a heading, stays out of the contents
        style = "TOCHeading" if level == 1 else "CoverHeading"
    body = run(text)
    if anchor:
        body = (f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{anchor}"/>{body}'
                f'<w:bookmarkEnd w:id="{bookmark_id}"/>')
    return f"<w:p>{ppr(style, rtl=is_rtl(text), page_break=page_break)}{body}</w:p>"


TOC_INSTR = 'TOC \\o "1-2" \\h \\z \\u'


def toc(entries: list[tuple[int, str, str]]) -> str:
    """A Word contents field: `entries` (level, text, bookmark) are its result as saved, so
    the list reads right before anything updates it; page numbers are PAGEREF fields, which
    Word fills on opening (settings ask it to update fields) and LibreOffice on updating
    the index."""
    begin = (f'<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
             f'<w:r><w:instrText xml:space="preserve"> {esc(TOC_INSTR)} </w:instrText></w:r>'
             f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    if not entries:
        return f"<w:p>{ppr('TOC1')}{begin}{end}</w:p>"
    out = []
    last = len(entries) - 1
    for i, (level, text, anchor) in enumerate(entries):
        page = field(f"PAGEREF {anchor} \\h", "")
        out.append(f'<w:p>{ppr(f"TOC{level}")}{begin if i == 0 else ""}'
                   f'<w:hyperlink w:anchor="{anchor}" w:history="1">{run(text)}<w:r><w:tab/></w:r>{page}'
                   f'</w:hyperlink>{end if i == last else ""}</w:p>')
    return "".join(out)


def field(code: str, shown: str) -> str:
    """A complex field (PAGE, NUMPAGES); Word and LibreOffice compute it when drawing."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{f"<w:r><w:t>{shown}</w:t></w:r>" if shown else ""}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sect_pr(landscape: bool, refs: str) -> str:
    w, h = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    orient = ' w:orient="landscape"' if landscape else ""
    return (f'<w:sectPr>{refs}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
            f'w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="708"/>'
            f'<w:docGrid w:linePitch="360"/></w:sectPr>')


def widths(weights: list[float], total: int) -> list[int]:
    """Relative weights as whole twips summing exactly to total."""
    s = sum(weights) or 1.0
    out = [max(300, int(total * w / s)) for w in weights]
    out[-1] += total - sum(out)
    return out


@dataclass(slots=True)
class TableXml:
    """Rows for one fixed-layout table, built from per-column cell templates."""

    cols: list[int]
    aligns: list[str]
    style_id: str
    cell_style: str = "TableText"

    def _cell(self, width: int, inner: str, *, span: int = 1, fill: str | None = None,
              borders: str = "", pextra: str = "", jc: str | None = None, rtl: bool = False) -> str:
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            tcpr += f'<w:gridSpan w:val="{span}"/>'
        tcpr += borders
        if fill:
            tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        pp = ppr(self.cell_style, keep_next=bool(pextra), rtl=rtl, jc=None if jc == "left" else jc)
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{pp}{inner}</w:p></w:tc>"

    def open(self) -> str:
        total = sum(self.cols)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.cols)
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_id}"/><w:tblW w:w="{total}" w:type="dxa"/>'
                f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="45" w:type="dxa"/>'
                f'<w:left w:w="85" w:type="dxa"/><w:bottom w:w="45" w:type="dxa"/>'
                f'<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
                f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')

    @staticmethod
    def close() -> str:
        return "</w:tbl>"

    def header(self, titles: list[tuple[str, int]]) -> str:
        """titles: (text, columns spanned); repeated at the top of every page."""
        cells, i = [], 0
        for text, span in titles:
            width = sum(self.cols[i:i + span])
            # keep-with-next in the header row holds it to the first row below it
            cells.append(self._cell(width, run(text, BOLD), span=span, fill=HEADER_FILL,
                                    jc=self.aligns[i], rtl=is_rtl(text), pextra="keep"))
            i += span
        return f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(cells)}</w:tr>"

    def row(self, texts: tuple[str, ...] | list[str], keep: bool = False) -> str:
        """keep: held to the row below (a table's first rows, so none starts alone)."""
        cols, aligns = self.cols, self.aligns
        pextra = "keep" if keep else ""
        cells = [self._cell(cols[i], run(t) if t else "", jc=aligns[i], rtl=is_rtl(t), pextra=pextra)
                 for i, t in enumerate(texts)]
        return f"<w:tr>{KEEP_ROW}{''.join(cells)}</w:tr>"

    def row_xml(self, inners: list[str], rtl: list[bool] | None = None, keep: bool = False) -> str:
        """A row whose cells are already rendered runs (formatted notes tables)."""
        cells = [self._cell(self.cols[i], inner, jc=self.aligns[i], rtl=bool(rtl and rtl[i]),
                            pextra="keep" if keep else "")
                 for i, inner in enumerate(inners)]
        return f"<w:tr>{KEEP_ROW}{''.join(cells)}</w:tr>"

    def group(self, label: str) -> str:
        cell = self._cell(sum(self.cols), run(label, BOLD), span=len(self.cols), fill=GROUP_FILL,
                          pextra="keep", rtl=is_rtl(label))
        return f"<w:tr>{KEEP_ROW}{cell}</w:tr>"

    def bar_row(self, label: str, count: int | None, filled: int, remark: str, cells: int) -> str:
        # A chart of a few bars reads as one picture: its rows keep together.
        out = [self._cell(self.cols[0], run(label), rtl=is_rtl(label), pextra="keep"),
               self._cell(self.cols[1], run("–" if count is None else str(count)), jc="center", pextra="keep")]
        bar_cols = self.cols[2:]
        if count is None:
            out.append(self._cell(sum(bar_cols), run(remark, ITALIC), span=cells, pextra="keep"))
        else:
            # White inner borders make the bar read as one band of segments.
            for i, w in enumerate(bar_cols):
                sides = ("" if i == 0 else _WHITE.format("left")) + ("" if i == cells - 1 else _WHITE.format("right"))
                out.append(self._cell(w, "", fill=BAR_FILL if i < filled else None, pextra="keep",
                                      borders=f"<w:tcBorders>{sides}</w:tcBorders>" if sides else ""))
        return f"<w:tr>{KEEP_ROW}{''.join(out)}</w:tr>"
