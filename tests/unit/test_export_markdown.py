"""The Markdown record (for email) and the shared Markdown parser."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from markdown_it import MarkdownIt

from workshop.export import ExportOptions, export_record
from workshop.export.markdown import md_text, notes_markdown
from workshop.export.mdparse import MdCode, MdHeading, MdList, MdPara, MdQuote, MdTable, make_parser, parse_notes

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_md", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)


def _render(md: str) -> str:
    return MarkdownIt("gfm-like", {"html": False}).render(md)


def test_parser_settings_are_shared_and_html_is_off_for_the_record():
    parser = make_parser()
    assert parser.options["html"] is False
    assert parser.options["linkify"] is True
    rules = parser.get_active_rules()
    assert "table" in rules["block"] and "strikethrough" in rules["inline"]
    assert make_parser(html=True).options["html"] is True


def test_notes_become_blocks():
    blocks = parse_notes("# Title\n\nSome **bold** and *it* `code` "
                         "[link](https://example.org) https://auto.example\n\n"
                         "- a\n  1. x\n\n3. three\n\n> quote\n\n```py\nprint()\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    kinds = [type(b) for b in blocks]
    assert kinds == [MdHeading, MdPara, MdList, MdList, MdQuote, MdCode, MdTable]
    runs = blocks[1].runs
    assert any(r.bold and r.text == "bold" for r in runs)
    assert any(r.italic and r.text == "it" for r in runs)
    assert any(r.code and r.text == "code" for r in runs)
    assert {r.href for r in runs if r.href} == {"https://example.org", "https://auto.example"}
    assert blocks[2].items[0][1].ordered and blocks[3].start == 3
    assert blocks[5].lang == "py" and blocks[5].text == "print()"


def test_unsafe_links_and_raw_html_stay_text():
    runs = parse_notes("[x](javascript:alert(1)) [y](file:///etc/passwd) <b>raw</b>")[0].runs
    assert all(r.href is None for r in runs)
    assert "<b>raw</b>" in "".join(r.text for r in runs)


def test_nesting_bombs_parse_quickly():
    assert parse_notes("> " * 2000 + "x")
    assert parse_notes("- " * 2000 + "x")
    assert parse_notes("*" * 20000) is not None


def test_notes_round_trip_through_markdown():
    source = "## Plan\n\nSome **bold** text with `a`|b` code` and [a link](https://example.org/a_b).\n\n1. one\n2. two\n\n> said"
    again = parse_notes(notes_markdown(parse_notes(source), offset=0))
    assert again == parse_notes(source)


def test_plain_text_is_escaped_so_it_shows_as_typed():
    for text in ("# not a heading", "1. not a list", "*not emphasis*", "a | b", "<b>tag</b>", "- dash",
                 "[x](y)", "&amp; entity", "back\\slash"):
        html = _render(md_text(text))
        assert html.strip().startswith("<p>"), (text, html)
        assert "<em>" not in html and "<a " not in html and "<h1>" not in html


def test_markdown_record_structure(tmp_path):
    out = export_record(make_workshop.make_sample_snapshot(), tmp_path / "r.md",
                        ExportOptions("md", include_names=True, include_lived=True))
    text = out.read_text("utf-8")
    assert text.startswith("**Confidential: for the planning group**\n\n# Riverside CMHT team day\n")
    tokens = MarkdownIt("gfm-like").parse(text)
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h2 == ["Contents", "Summary", "Opening: why peer support", "Hopes and fears", "Three sources of expertise", "Job description review",
                  "Dual-role scenarios", "Concerns log", "Action plan", "Sources"]
    assert sum(t.type == "table_open" for t in tokens) >= 12
    html = _render(text)
    assert "<th>Task</th>" in html and "<th>What needs to be done</th>" in html
    assert '<a href="https://example.org/framework">the framework</a>' in html
    assert "<strong>Urdu</strong>" in html
    assert "<h5>Balance</h5>" in html  # a note's "##" sits below the section's headings
    held = re.findall(r"held back", text)
    # Said once, in the summary, when no section held anything back.
    assert held == ["held back"] and "*No entries were held back from this record.*" in text


def test_multiline_cells_and_pipes_keep_the_table_intact(tmp_path):
    snap = {"workshop": {"title": "T"}, "actions": [
        {"id": "a", "stage": "preparation", "task": "Two\nlines", "what": "a | b", "who": "", "outcome": ""}]}
    text = export_record(snap, tmp_path / "t.md", ExportOptions("md")).read_text("utf-8")
    # Line breaks in cells are <br> tags, as GitHub and most mail readers render them.
    html = MarkdownIt("gfm-like").render(text)
    assert "<td>Two<br>lines</td>" in html
    assert "<td>a | b</td>" in html
