"""The Word record as a package: what current Word expects, nothing left from python-docx's
template, and a second, independent reader (mammoth) that reads it without complaint."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import docx
import mammoth
import pytest

from workshop.export import ExportOptions, export_record

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_package", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)

# Every paragraph style the record uses, so that mammoth's only possible complaints are
# about the package itself.
_STYLE_MAP = "\n".join(
    f"p[style-name='{name}'] => {tag}:fresh" for name, tag in (
        ("Title", "h1"), ("Subtitle", "p.lead"), ("Record Status", "p.status"), ("Field", "p.field"),
        ("Cover Heading", "h2"), ("Table Text", "p"), ("Note", "p.note"), ("TOC Heading", "h2"),
        ("toc 1", "p.toc1"), ("toc 2", "p.toc2"), ("Quote", "blockquote > p"), ("Code Block", "pre"),
    ))


@pytest.fixture(scope="module", params=["sample", "large"])
def record_path(request, tmp_path_factory) -> Path:
    snap = make_workshop.make_sample_snapshot() if request.param == "sample" else make_workshop.make_snapshot(2000, 5)
    out = tmp_path_factory.mktemp("package") / f"{request.param}.docx"
    export_record(snap, out, ExportOptions(include_names=True, include_lived=True))
    return out


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_word_opens_it_in_current_mode_and_updates_its_fields(record_path):
    settings = _part(record_path, "word/settings.xml")
    modes = re.findall(r'<w:compatSetting w:name="compatibilityMode" w:uri="([^"]+)" w:val="(\d+)"/>', settings)
    assert modes == [("http://schemas.microsoft.com/office/word", "15")]
    assert settings.count("<w:compat>") == 1
    # Schema order: updateFields comes before compat, or Word reports the file as damaged.
    assert settings.index('<w:updateFields w:val="true"/>') < settings.index("<w:compat>")
    assert '<w:themeFontLang w:val="en-GB"/>' in settings


def test_nothing_is_left_from_the_template(record_path):
    with zipfile.ZipFile(record_path) as z:
        names = z.namelist()
        everything = b"".join(z.read(n) for n in names)
    assert not [n for n in names if "stylesWithEffects" in n or n.startswith("customXml/") or "thumbnail" in n]
    assert b"stylesWithEffects" not in everything and b"bibliography" not in everything
    assert b"python-docx" not in everything
    styles = _part(record_path, "word/styles.xml")
    # US Letter's 6.5-inch text width (centre 4680, right 9360) must not survive on A4.
    assert 'w:pos="9360"' not in styles and 'w:pos="4680"' not in styles
    assert re.search(r'w:styleId="Header".*?<w:tab w:val="right" w:pos="9638"/>', styles, re.S)
    content_types = _part(record_path, "[Content_Types].xml")
    for name in names:
        if name.endswith(".xml") and not name.startswith("[") and "_rels" not in name:
            assert f'PartName="/{name}"' in content_types, name


def test_python_docx_reopens_it(record_path):
    document = docx.Document(str(record_path))
    assert document.core_properties.content_status == "Draft"
    assert document.paragraphs and document.tables
    assert {s.orientation for s in document.sections} == {0, 1}


def test_mammoth_reads_it_without_warnings(record_path):
    with open(record_path, "rb") as f:
        result = mammoth.convert_to_html(f, style_map=_STYLE_MAP)
    assert [(m.type, m.message) for m in result.messages] == []
    html = result.value
    document = docx.Document(str(record_path))
    # The same headings and tables, read by an independent implementation.
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert re.findall(r"<h1>(?:<a id=\"[^\"]+\"></a>)?([^<]+)</h1>", html)[1:] == h1
    assert html.count("<table>") == len(document.tables) + sum(
        len(c.tables) for t in document.tables for r in t.rows for c in r.cells)
