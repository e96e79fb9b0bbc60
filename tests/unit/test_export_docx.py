"""The Word record reopened with python-docx: structure, layout, styles and properties."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm

from workshop.export import ExportOptions, export_record

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_tests", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)

A4_W, A4_H = Mm(210), Mm(297)
TOLERANCE = Mm(1)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "record.docx"
    export_record(make_workshop.make_sample_snapshot(), out,
                  ExportOptions(include_names=True, include_lived=True))
    return out


@pytest.fixture(scope="module")
def sample(sample_path):
    return docx.Document(str(sample_path))


def _xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def _heading_texts(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_a_word_section_only_where_the_orientation_changes_with_a4_pages(sample, sample_path):
    # cover to job descriptions portrait; dual roles, concerns, action plan landscape; sources
    assert len(sample.sections) == 3
    landscape = [i for i, s in enumerate(sample.sections) if s.orientation == WD_ORIENT.LANDSCAPE]
    assert landscape == [1]
    for i, s in enumerate(sample.sections):
        width, height = (A4_H, A4_W) if i in landscape else (A4_W, A4_H)
        assert abs(s.page_width - width) < TOLERANCE and abs(s.page_height - height) < TOLERANCE
        assert s.left_margin == s.right_margin == Mm(20) or abs(s.left_margin - Mm(20)) < TOLERANCE
    # Otherwise one new page: the contents after the cover. Parts follow on, their headings
    # kept with what follows, instead of each leaving the rest of a page blank.
    xml = _xml(sample_path)
    assert 'w:type="page"' not in xml
    assert re.findall(r'<w:pStyle w:val="(\w+)"/>(?:<w:keepNext/>)?<w:pageBreakBefore/>', xml) == ["TOCHeading"]


def test_headings_follow_the_record(sample):
    assert _heading_texts(sample, "Title") == ["Riverside CMHT team day"]
    assert _heading_texts(sample, "TOC Heading") == ["Contents"]
    assert _heading_texts(sample, "Cover Heading") == ["Who took part"]
    assert _heading_texts(sample, "Heading 1") == [
        "Summary", "Opening: why peer support", "Hopes and fears", "Three sources of expertise", "Job description review",
        "Dual-role scenarios", "Concerns log", "Action plan", "Sources"]
    h2 = _heading_texts(sample, "Heading 2")
    for expected in ("Open concerns", "Hopes", "Fears", "Team balance",
                     "Gaps a peer worker could fill", "Discussion notes", "Preparation and planning",
                     "Recruitment", "Supporting peer workers", "Other actions"):
        assert expected in h2
    assert {"Criteria", "Agreed wording changes", "Signs of a compromised job description"} <= set(
        _heading_texts(sample, "Heading 3"))


def test_header_and_page_x_of_y_footer_on_every_section(sample, sample_path):
    for s in sample.sections:
        head = s.header.paragraphs[0]
        assert head.text == "Riverside CMHT team day, 3 December 2026\tConfidential: for the planning group"
        # The marking sits at the right margin of that page, portrait or landscape.
        stops = [t for t in head.paragraph_format.tab_stops if t.alignment != WD_TAB_ALIGNMENT.CLEAR]
        assert [t.position for t in stops] == [s.page_width - s.left_margin - s.right_margin]
        assert "Page" in s.footer.paragraphs[0].text
    footers = [n for n in zipfile.ZipFile(sample_path).namelist() if re.match(r"word/footer\d*\.xml", n)]
    footer_xml = "".join(_xml(sample_path, n) for n in footers)
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer_xml)
    assert footer_xml.count('w:fldCharType="begin"') == 2


def test_every_table_repeats_its_header_and_has_fixed_widths(sample):
    assert len(sample.tables) >= 12
    for table in sample.tables:
        assert table.style.name == "Table Grid"
        assert table.autofit is False
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert all(w > 0 for w in grid)
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                assert tc.tcPr.tcW is not None and tc.tcPr.tcW.type == "dxa" and tc.tcPr.tcW.w > 0
        # The text width on A4 with 2 cm margins: 170 mm portrait, 257 mm landscape.
        assert sum(grid) in (11906 - 2268, 16838 - 2268)


def _table_after(document, heading: str):
    body = document.element.body
    seen = False
    for el in body.iterchildren():
        # python-docx's element classes change itertext(); read text through its proxy.
        if el.tag == qn("w:p"):
            para = docx.text.paragraph.Paragraph(el, document)
            if para.text == heading and para.style.name.startswith("Heading"):
                seen = True
        elif seen and el.tag == qn("w:tbl"):
            return docx.table.Table(el, document)
    raise AssertionError(f"no table after {heading}")


def test_table_contents_and_row_counts(sample):
    hopes = _table_after(sample, "Hopes")
    assert [c.text for c in hopes.rows[0].cells] == ["Hope", "Votes", "From", "About"]
    texts = [r.cells[0].text for r in hopes.rows[1:]]
    # Busiest theme first; "Culture" and "culture" are one theme; unthemed last.
    assert texts[0].startswith("Culture (2 hopes, 6 votes)")
    assert texts[-2].startswith("No theme")
    assert len(hopes.rows) == 1 + 3 + 4
    prep = _table_after(sample, "Preparation and planning")
    assert [c.text for c in prep.rows[0].cells] == [
        "Task", "What needs to be done", "Who is responsible", "By when", "Outcome"]
    assert [c.text for c in prep.rows[1].cells][:4] == ["Job description\nFrom a concern", "Revise the draft",
                                                          "Sam Whitford", "10 Jan 2027"]
    dual = _table_after(sample, "Dual-role scenarios")
    assert dual.rows[1].cells[0].text == "Working in a service they used"  # position order, not entry order
    concerns = _table_after(sample, "Concerns log")
    assert len(concerns.rows) == 4
    assert "Raised first as a fear" in concerns.rows[1].cells[0].text
    criteria = _table_after(sample, "Criteria")
    rows = [[c.text for c in r.cells] for r in criteria.rows]
    assert ["Hope", "Met", "Clear on hope"] in rows
    assert ["Mutuality", "Partly met", "Needs work"] in rows  # "group:item" spelling accepted
    assert ["made_up.thing", "Not met", "Unknown criterion"] in rows  # unknown key shown as itself
    changes = _table_after(sample, "Agreed wording changes")
    assert [[c.text for c in r.cells] for r in changes.rows[1:]] == [["patients", "people we support", "Clinical label"]]


def test_expertise_balance_is_a_shaded_bar_table(sample):
    bars = _table_after(sample, "Team balance")
    assert [c.text for c in bars.rows[0].cells][:3] == ["Source", "Entries", "Balance"]
    filled = []
    for tr in bars._tbl.tr_lst[1:]:
        fills = [tc.tcPr.find(qn("w:shd")) for tc in tr.tc_lst[2:]]
        filled.append(sum(1 for f in fills if f is not None and f.get(qn("w:fill")) not in (None, "auto")))
    # life 2, professional 1 entries; lived 1 is a small number: no bar that measures it
    assert filled == [20, 0, 10]
    assert [c.text for c in bars.rows[2].cells][1] == "–"


def test_real_styles_lists_quotes_code_and_links(sample, sample_path):
    styles = {p.style.name for p in sample.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Quote",
            "Code Block", "Note", "Subtitle"} <= styles
    xml = _xml(sample_path)
    link = re.search(r'<w:hyperlink r:id="(rId\d+)"', xml)
    assert link
    rels = _xml(sample_path, "word/_rels/document.xml.rels")
    assert re.search(rf'Id="{link.group(1)}"[^>]*Target="https://example.org/framework"', rels) or \
        re.search(rf'Target="https://example.org/framework"[^>]*Id="{link.group(1)}"', rels)
    bold_runs = [r.text for p in sample.paragraphs for r in p.runs if r.bold]
    assert "support" in bold_runs and "Urdu" in bold_runs


def test_contents_is_a_word_field_that_reads_right_before_any_update(sample, sample_path):
    xml = _xml(sample_path)
    assert re.findall(r"<w:instrText[^>]*>([^<]*TOC[^<]*)<", xml) == [' TOC \\o "1-2" \\h \\z \\u ']
    field = xml[xml.rindex("<w:p>", 0, xml.index("TOC \\o")):]
    # The saved result lists headings 1-2, each a link to a bookmark with a PAGEREF for its page.
    entries = [p for p in sample.paragraphs if p.style.name in ("toc 1", "toc 2")]
    titles = [(p.style.name, p.text.rstrip()) for p in entries]
    assert titles[0] == ("toc 1", "Summary") and ("toc 2", "Open concerns") in titles
    assert [t for s, t in titles if s == "toc 1"] == _heading_texts(sample, "Heading 1")
    assert [t for s, t in titles if s == "toc 2"] == _heading_texts(sample, "Heading 2")
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)" w:history="1">', field)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    assert len(anchors) == len(entries) and set(anchors) <= bookmarks
    pagerefs = re.findall(r"<w:instrText[^>]*> PAGEREF (\S+) \\h </w:instrText>", xml)
    assert pagerefs == anchors
    settings = _xml(sample_path, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings  # Word refreshes the pages on opening


def test_core_properties_come_from_the_workshop(sample, sample_path):
    core = sample.core_properties
    assert core.title == "Riverside CMHT team day"
    assert core.author == "Morag Ellison; Dev Okafor"
    assert core.last_modified_by == "Morag Ellison; Dev Okafor"
    assert core.subject == "Record of the team-preparation day: Riverside CMHT"
    assert "peer support" in core.keywords and "Peer Support Worker" in core.keywords
    assert core.comments == ""
    assert core.created == datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    assert core.modified.year >= 2024
    with zipfile.ZipFile(sample_path) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
        for name in z.namelist():
            assert b"python-docx" not in z.read(name), name


def test_numbered_lists_in_separate_notes_restart(tmp_path):
    snap = {"workshop": {"title": "Lists"}, "notes": [
        {"id": "a", "activity": "concerns", "text": "1. one\n2. two"},
        {"id": "b", "activity": "concerns", "text": "1. again\n2. more"},
    ]}
    out = export_record(snap, tmp_path / "lists.docx", ExportOptions())
    xml = _xml(out)
    num_ids = re.findall(r'<w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="(\d+)"/>', xml)
    assert len(num_ids) == 4 and num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = _xml(out, "word/numbering.xml")
    for n in set(num_ids):
        assert re.search(rf'<w:num w:numId="{n}">.*?<w:startOverride w:val="1"/>', numbering, re.S)


def test_two_thousand_item_workshop_keeps_every_row(tmp_path):
    snap = make_workshop.make_snapshot(2000, seed=1)
    out = export_record(snap, tmp_path / "big.docx", ExportOptions(include_names=True, include_lived=True))
    document = docx.Document(str(out))
    stage_titles = ["Preparation and planning", "Recruitment", "Supporting peer workers", "Developing and sustaining"]
    action_rows = sum(len(_table_after(document, t).rows) - 1 for t in stage_titles)
    assert action_rows == len(snap["actions"])
    concerns = _table_after(document, "Concerns log")
    assert len(concerns.rows) - 1 == len(snap["concerns"])
    hopes, fears = _table_after(document, "Hopes"), _table_after(document, "Fears")
    data_rows = sum(1 for t in (hopes, fears) for r in t._tbl.tr_lst[1:] if len(r.tc_lst) > 1)
    assert data_rows == len(snap["hopes_fears"])
