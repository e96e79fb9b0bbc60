"""The Word record: python-docx for the package, styles and properties; the body is
built as XML strings (docx_xml) and parsed once per section."""

from __future__ import annotations

import io
from typing import Callable

from docx import Document
from lxml import etree
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.parts.hdrftr import HeaderPart
from docx.shared import Pt, RGBColor

from . import docx_xml as X
from .blocks import Bars, Bullets, Contents, Fields, GroupRow, Heading, Notes, Para, Properties, Record, Section, Table
from .docx_notes import NotesContext, render as render_notes

Progress = Callable[[float, str], None]
HEADER_TEXT = "Confidential: for the planning group"
TABLE_STYLE = "Table Grid"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_PARA_STYLE = {"body": None, "lead": "Subtitle", "note": "Note", "status": "RecordStatus"}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Team Day</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def write_docx(record: Record, progress: Progress | None = None) -> bytes:
    def report(fraction: float, label: str) -> None:
        if progress:
            progress(fraction, label)

    doc = Document()
    _strip_template(doc)
    _styles(doc)
    _settings(doc)
    _properties(doc, record.properties, record.status)
    refs = _header_footer(doc, record.running_head)
    writer = _BodyWriter(doc, record.sections)
    # The whole body is built as one string and parsed once; moving thousands of parsed
    # elements into python-docx's tree one by one cost more than building them.
    parts = [X.DOC_OPEN]
    total = len(record.sections)
    for i, section in enumerate(record.sections):
        # A Word section (and so a new page) only where the orientation changes; elsewhere
        # the next part follows on, its heading kept with what comes after it.
        if i and section.landscape != record.sections[i - 1].landscape:
            before = record.sections[i - 1].landscape
            parts.append(f"<w:p><w:pPr>{X.sect_pr(before, refs[before])}</w:pPr></w:p>")
        parts.append(writer.section(section))
        report(0.1 + 0.6 * (i + 1) / total, f"Writing {section.title.lower()}")
    last_landscape = record.sections[-1].landscape if record.sections else False
    parts.append(X.sect_pr(last_landscape, refs[last_landscape]))
    parts.append(X.DOC_CLOSE)
    report(0.75, "Checking the document")
    doc.part._element = etree.fromstring("".join(parts).encode("utf-8"), _PARSER)
    _keep_tails(doc.part._element)
    report(0.85, "Packing the document")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


_KEEP_ROWS = 2  # rows held to the header row and each other at the start of a table
_TAIL = 4  # paragraphs that always move together onto the last page before a change of orientation
_TAIL_SUBSECTION = 12  # up to this many, when they make the part's last subsection whole
_AFTER_KEEP = {f"{{{X.W_NS}}}{t}" for t in ("pStyle", "keepNext")}
_HEADINGS = {f"Heading{n}" for n in range(1, 7)}


def _keep_tails(document) -> None:
    """The end of a part before a change of orientation keeps together: its last
    subsection whole when that is short, else its last few paragraphs. A page before the
    new orientation then holds a whole closing subsection, never a stray line or two."""
    w = X.W_NS
    style_tag, val = f"{{{w}}}pStyle", f"{{{w}}}val"
    for sect in document.iter(f"{{{w}}}sectPr"):
        brk = sect.getparent().getparent()
        if brk.tag != f"{{{w}}}p":
            continue  # the body's own sectPr: nothing follows it
        tail, p = [], brk.getprevious()
        while p is not None and p.tag == f"{{{w}}}p" and len(tail) < _TAIL_SUBSECTION:
            tail.append(p)
            style = p.find(f"{{{w}}}pPr/{style_tag}")
            if style is not None and style.get(val) in _HEADINGS:
                break
            p = p.getprevious()
        else:
            tail = tail[:_TAIL]
        for p in tail:
            ppr = p.find(f"{{{w}}}pPr")
            if ppr is None:
                ppr = etree.Element(f"{{{w}}}pPr")
                p.insert(0, ppr)
            if ppr.find(f"{{{w}}}keepNext") is None:
                i = sum(1 for child in ppr if child.tag in _AFTER_KEEP)
                ppr.insert(i, etree.Element(f"{{{w}}}keepNext"))


def _strip_template(doc) -> None:
    """Drop what python-docx's template would otherwise carry into every record: a
    thumbnail, a second copy of the styles for Word 2010, an empty bibliography."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES and hasattr(rel.target_part, "_blob"):
            rel.target_part._blob = _APP_XML.encode()
    doc_rels = doc.part.rels
    for rid, rel in list(doc_rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            doc_rels.pop(rid)


def _settings(doc) -> None:
    """Current Word's layout rules (not compatibility mode), and fields such as the
    contents brought up to date when the record is opened."""
    w = X.W_NS
    settings = doc.settings.element
    for name in ("updateFields", "compat"):
        for old in settings.findall(f"{{{w}}}{name}"):
            settings.remove(old)
    compat = parse_xml(
        f'<w:compat xmlns:w="{w}">'
        + "".join(f'<w:compatSetting w:name="{n}" w:uri="http://schemas.microsoft.com/office/word" w:val="{v}"/>'
                  for n, v in (("compatibilityMode", 15), ("overrideTableStyleFontSizeAndJustification", 1),
                               ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1),
                               ("differentiateMultirowTableHeaders", 1)))
        + "</w:compat>")
    # Schema order: updateFields sits before compat, compat before rsids and the rest.
    anchor = settings.find(f"{{{w}}}rsids")
    if anchor is None:
        anchor = settings.find(f"{{{X.M_NS}}}mathPr")
    if anchor is not None:
        anchor.addprevious(compat)
    else:
        settings.append(compat)
    compat.addprevious(parse_xml(f'<w:updateFields xmlns:w="{w}" w:val="true"/>'))
    lang = settings.find(f"{{{w}}}themeFontLang")
    if lang is not None:
        lang.set(f"{{{w}}}val", "en-GB")
        lang.attrib.pop(f"{{{w}}}eastAsia", None)


def _styles(doc) -> None:
    styles = doc.styles
    w = X.W_NS
    # Explicit fonts and British English instead of the template's theme fonts and en-US.
    rpr_default = styles.element.find(f"{{{w}}}docDefaults/{{{w}}}rPrDefault/{{{w}}}rPr")
    if rpr_default is not None:
        for child in list(rpr_default):
            if child.tag in (f"{{{w}}}rFonts", f"{{{w}}}lang"):
                rpr_default.remove(child)
        rpr_default.insert(0, parse_xml(
            f'<w:rFonts xmlns:w="{w}" w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'))
        rpr_default.append(parse_xml(f'<w:lang xmlns:w="{w}" w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'))
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 26), ("Subtitle", 12), ("Heading 1", 16), ("Heading 2", 13),
                       ("Heading 3", 11.5), ("Heading 4", 11), ("Heading 5", 10.5), ("Heading 6", 10.5)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        rfonts = style.element.rPr.find(f"{{{w}}}rFonts")
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(f"{{{w}}}{attr}", None)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F) if name != "Subtitle" else RGBColor(0x40, 0x40, 0x40)
    styles["Heading 1"].paragraph_format.space_before = Pt(20)  # parts follow on one page
    styles["Heading 1"].paragraph_format.space_after = Pt(8)
    styles["Heading 2"].paragraph_format.space_before = Pt(14)
    styles["Heading 3"].paragraph_format.space_before = Pt(10)
    subtitle = styles["Subtitle"]
    subtitle.font.italic = False
    for spacing in subtitle.element.rPr.findall(f"{{{w}}}spacing"):  # the template letter-spaces it
        subtitle.element.rPr.remove(spacing)

    def para_style(style_name: str, size: float, after: float, **font) -> None:
        style = styles.add_style(style_name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.line_spacing = 1.0
        for key, value in font.items():
            setattr(style.font, key, value)

    para_style("Table Text", 9.5, 0)
    para_style("Note", 9.5, 6, italic=True)
    styles["Note"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    para_style("Field", 10.5, 3)
    para_style("Record Status", 10.5, 10, bold=True)
    styles["Record Status"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    para_style("Code Block", 9, 0, name="Consolas")
    # Looks like Heading 2 but outline level "body text", so the contents field skips it.
    cover_heading = styles.add_style("Cover Heading", WD_STYLE_TYPE.PARAGRAPH)
    cover_heading.base_style = styles["Heading 2"]
    cover_heading.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{w}" w:val="9"/>'))
    # Word's own contents styles (toc 1, toc 2), with the page number against the margin.
    for level, indent in ((1, 0), (2, 284)):
        styles.element.append(parse_xml(
            f'<w:style xmlns:w="{w}" w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
            f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{X.TEXT_W_PORTRAIT}"/></w:tabs>'
            f'<w:spacing w:before="{60 if level == 1 else 0}" w:after="{40 if level == 1 else 20}"/>'
            f'<w:ind w:left="{indent}"/></w:pPr>'
            f'{"<w:rPr><w:b/><w:bCs/></w:rPr>" if level == 1 else ""}</w:style>'))
    # The template's header and footer tab stops are for US Letter; these are A4's.
    for name in ("Header", "Footer"):
        tabs = styles[name].element.pPr.find(f"{{{w}}}tabs")
        if tabs is not None:
            centre, right = tabs.findall(f"{{{w}}}tab")[:2]
            centre.set(f"{{{w}}}pos", str(X.TEXT_W_PORTRAIT // 2))
            right.set(f"{{{w}}}pos", str(X.TEXT_W_PORTRAIT))
    subtitle.paragraph_format.keep_with_next = True  # a section's lead sentence stays with its start
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    code = styles.add_style("Code Char", WD_STYLE_TYPE.CHARACTER)
    code.font.name = "Consolas"


def _properties(doc, props: Properties, status: str) -> None:
    core = doc.core_properties
    core.content_status = status
    core.title = props.title
    core.author = props.author
    core.last_modified_by = props.author
    core.subject = props.subject
    core.keywords = props.keywords
    core.category = props.category
    core.comments = ""
    core.language = "en-GB"
    core.revision = 1
    core.created = props.created.replace(tzinfo=None)
    core.modified = props.modified.replace(tzinfo=None)


def _header_footer(doc, running_head: str) -> dict[bool, str]:
    """Header and footer parts; returns, for portrait (False) and landscape (True), the
    references a section needs, as XML."""
    section = doc.sections[0]
    footer_p = section.footer.paragraphs[0]
    footer_p._p.getparent().replace(footer_p._p, parse_xml(
        f'<w:p xmlns:w="{X.W_NS}"><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
        f'{X.run("Page ")}{X.field("PAGE", "1")}{X.run(" of ")}{X.field("NUMPAGES", "1")}</w:p>'))
    footer_rid = doc.part.relate_to(section.footer.part, RT.FOOTER)
    portrait_part = section.header.part
    landscape_part = HeaderPart.new(doc.part.package)
    refs = {}
    for landscape, part in ((False, portrait_part), (True, landscape_part)):
        # The title and date on the left, the marking at the right margin: a tab stop per
        # orientation, since LibreOffice ignores Word's margin-relative tabs.
        width = X.TEXT_W_LANDSCAPE if landscape else X.TEXT_W_PORTRAIT
        head = f"{X.run(running_head)}<w:r><w:tab/></w:r>" if running_head else ""
        part.element.clear()
        part.element.append(parse_xml(
            f'<w:p xmlns:w="{X.W_NS}"><w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="clear" '
            f'w:pos="{X.TEXT_W_PORTRAIT // 2}"/><w:tab w:val="clear" w:pos="{X.TEXT_W_PORTRAIT}"/>'
            f'<w:tab w:val="right" w:pos="{width}"/></w:tabs></w:pPr>'
            f'{head}{X.run(HEADER_TEXT, X.BOLD)}</w:p>'))
        rid = doc.part.relate_to(part, RT.HEADER)
        refs[landscape] = f'<w:headerReference w:type="default" r:id="{rid}"/>' \
                          f'<w:footerReference w:type="default" r:id="{footer_rid}"/>'
    return refs


class _BodyWriter:
    def __init__(self, doc, sections: list[Section]):
        self.doc = doc
        self.bookmark = 0
        self.table_style = doc.styles[TABLE_STYLE].style_id
        self._style_num: dict[str, int] = {}
        # Every heading the contents lists needs a bookmark to point at, named before the
        # contents, which comes first, is written.
        self.anchors: dict[int, str] = {}
        self.contents: list[tuple[int, str, str]] = []
        for section in sections:
            for item in section.items:
                if isinstance(item, Heading) and item.outline and item.level in (1, 2):
                    anchor = item.anchor or f"_Toc{len(self.contents) + 1:06d}"
                    self.anchors[id(item)] = anchor
                    self.contents.append((item.level, item.text.replace("\n", " "), anchor))

    def link_id(self, url: str) -> str:
        return self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def new_num(self, style_id: str, start: int) -> int:
        """A fresh w:num on the list style's definition, so each list starts again."""
        numbering = self.doc.part.numbering_part.element
        style = self.doc.styles.element.get_by_id(style_id)
        try:
            base_id = int(style.pPr.numPr.numId.val)
            abstract = numbering.num_having_numId(base_id).abstractNumId.val
        except (AttributeError, KeyError, TypeError):
            return 0
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(max(0, start))
        return num.numId

    def section(self, section: Section) -> str:
        width = X.TEXT_W_LANDSCAPE if section.landscape else X.TEXT_W_PORTRAIT
        out: list[str] = []
        items = section.items
        for i, item in enumerate(items):
            if isinstance(item, Heading):
                self.bookmark += 1
                out.append(X.heading(item.text, item.level, self.anchors.get(id(item), item.anchor), self.bookmark,
                                     outline=item.outline, page_break=i == 0 and section.starts_page))
            elif isinstance(item, Para):
                # A sentence that introduces a table stays on the page the table starts on.
                leads_in = i + 1 < len(items) and isinstance(items[i + 1], (Table, Bars, Bullets))
                out.append(X.para(item.text, _PARA_STYLE.get(item.style), keep_next=leads_in))
            elif isinstance(item, Fields):
                out += [f"<w:p>{X.ppr('Field')}{X.run(k + ': ', X.BOLD)}{X.run(v)}</w:p>" for k, v in item.pairs]
            elif isinstance(item, Bullets):
                out += [X.para(text, "ListBullet") for text in item.items]
            elif isinstance(item, Table):
                out.append(self.table(item, width))
            elif isinstance(item, Bars):
                out.append(self.bars(item, width))
            elif isinstance(item, Notes):
                ctx = NotesContext(self.link_id, self.new_num, width, self.table_style)
                out.append(render_notes(item.blocks, ctx))
            elif isinstance(item, Contents):
                out.append(X.toc(self.contents))
        return "".join(out)

    def table(self, table: Table, width: int) -> str:
        cols = X.widths([c.weight for c in table.columns], width)
        tx = X.TableXml(cols, [c.align for c in table.columns], self.table_style)
        parts = [tx.open(), tx.header([(c.title, 1) for c in table.columns])]
        row, group = tx.row, tx.group
        # The header and the first rows start a page together: a table never begins with
        # its header and a single row at the foot of a page.
        keep = min(_KEEP_ROWS, len(table.rows) - 1)
        for i, r in enumerate(table.rows):
            parts.append(group(r.label) if isinstance(r, GroupRow) else row(r, i < keep))
        parts.append(tx.close())
        parts.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>')
        return "".join(parts)

    def bars(self, bars: Bars, width: int) -> str:
        label_w = int(width * 0.4)
        count_w = int(width * 0.1)
        cell_w = (width - label_w - count_w) // bars.cells
        cols = [label_w, count_w] + [cell_w] * bars.cells
        tx = X.TableXml(cols, ["left", "center"] + ["left"] * bars.cells, self.table_style)
        top = max([r.count for r in bars.rows if r.count is not None] + [0])
        parts = [tx.open(), tx.header([(bars.label_title, 1), (bars.count_title, 1), ("Balance", bars.cells)])]
        for r in bars.rows:
            filled = 0
            if r.count and top:
                filled = max(1, round(r.count / top * bars.cells))
            parts.append(tx.bar_row(r.label, r.count, filled, r.remark, bars.cells))
        parts.append(tx.close())
        return "".join(parts)
