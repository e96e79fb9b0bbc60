"""Reading a draft job description from a file: .docx (paragraphs and tables, in document
order), .md or .txt. A file that cannot be read raises `DraftImportError` with a message a
facilitator can act on; nothing is ever half-read.

No Textual here: the import dialog calls `read_draft` from a thread worker.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from workshop import model

MAX_BYTES = 5 * 1024 * 1024
DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = DOCX_SUFFIXES + TEXT_SUFFIXES

_OTHER_FORMATS = {
    ".doc": "an older Word file. Open it in Word and save it as .docx, or copy its text and paste it (P)",
    ".rtf": "a rich-text file. Open it in Word and save it as .docx, or copy its text and paste it (P)",
    ".odt": "an OpenDocument file. Open it in LibreOffice and save it as .docx, or copy its text and paste it (P)",
    ".pdf": "a PDF. Copy its text and paste it (P), or import the Word version if there is one",
    ".pages": "a Pages file. Export it as Word (.docx), or copy its text and paste it (P)",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and password-protected .docx
_ZIP_MAGIC = b"PK\x03\x04"


class DraftImportError(Exception):
    """The file could not be imported; the message says why in plain words."""


@dataclass(frozen=True)
class Draft:
    title: str
    text: str
    imported_from: str | None
    truncated: bool = False


def expand_path(typed: str) -> Path:
    """The path as typed or pasted: quotes a terminal adds on drag-and-drop removed,
    `~` expanded, and backslash-escaped spaces undone when the file is not found as typed."""
    value = typed.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    path = Path(os.path.expanduser(value))
    if "\\ " in value and not path.exists():
        unescaped = Path(os.path.expanduser(value.replace("\\ ", " ")))
        if unescaped.exists():
            return unescaped
    return path


def title_from(path: Path) -> str:
    """A first title for the draft, from the file name; the group can rename it."""
    return model.clean_line(re.sub(r"[_]+", " ", path.stem)) or "Draft job description"


TITLE_MAX = 120  # a first line longer than this is a sentence of the draft, not its name


def title_in(text: str) -> str:
    """The draft's own name: its first heading, or else its first line when that is short
    enough to be a title. Empty when neither is there (the file name is used then)."""
    first = ""
    for line in text.splitlines():
        heading = re.match(r"\s*#{1,6}\s+(.*)", line)
        if heading and model.clean_line(heading.group(1)):
            return model.clean_line(heading.group(1))[:TITLE_MAX]
        if not first and line.strip():
            first = model.clean_line(line)
    return first if len(first) <= TITLE_MAX and not first.endswith((".", ",", ";", ":")) else ""


def read_draft(typed: str | Path) -> Draft:
    """Read the draft at `typed`. Raises DraftImportError (never anything else for a bad file)."""
    if isinstance(typed, str) and not typed.strip():
        raise DraftImportError("Type the path of a file first, for example ~/Documents/job-description.docx.")
    path = expand_path(str(typed))
    name = path.name or str(path)
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            raise DraftImportError(f"“{name}” is a folder, not a file. Choose the draft inside it.")
        if not path.exists():
            raise DraftImportError(f"There is no file at {path}. Check the spelling and the folder.")
        if suffix not in SUFFIXES:
            raise DraftImportError(_unknown_format(name, suffix))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DraftImportError(
                f"“{name}” is {size / (1024 * 1024):.1f} MB; Team Day imports drafts up to 5 MB. "
                "If it holds pictures, save a copy without them, or copy the text and paste it (P)."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except DraftImportError:
        raise
    except PermissionError:
        raise DraftImportError(
            f"Team Day is not allowed to read “{name}” (permission denied). "
            "Copy the file somewhere you can open it, or paste its text (P)."
        ) from None
    except OSError as exc:
        raise DraftImportError(f"“{name}” could not be read: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES:
        raise DraftImportError(f"“{name}” is over 5 MB; Team Day imports drafts up to 5 MB.")
    if suffix in DOCX_SUFFIXES:
        text = docx_text(data, name)
    else:
        text = plain_text(data, name)
    cleaned = model.clean_text(text, limit=model.MAX_TEXT + 1)
    cleaned = _tidy(cleaned)
    if not cleaned.strip():
        raise DraftImportError(f"“{name}” has no text in it to review.")
    truncated = len(cleaned) > model.MAX_TEXT
    return Draft(title_in(cleaned) or title_from(path), cleaned[: model.MAX_TEXT], path.name, truncated)


def draft_from_paste(text: str, title: str = "") -> Draft:
    """A pasted draft. Raises DraftImportError if there is nothing in it."""
    truncated = len(model.clean_text(text, limit=model.MAX_TEXT + 1)) > model.MAX_TEXT
    cleaned = _tidy(model.clean_text(text))
    if not cleaned.strip():
        raise DraftImportError("There is no text to save yet: paste or type the draft first.")
    title = model.clean_line(title) or _first_line(cleaned) or "Pasted job description"
    return Draft(title, cleaned, None, truncated)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = model.clean_line(line.lstrip("#").strip())
        if line:
            return line[:80]
    return ""


def _tidy(text: str) -> str:
    """Trailing spaces off each line, at most one blank line in a row, no blank ends."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _unknown_format(name: str, suffix: str) -> str:
    hint = _OTHER_FORMATS.get(suffix)
    if hint:
        return f"“{name}” is {hint}. Team Day imports .docx, .md and .txt files."
    kind = f"a {suffix} file" if suffix else "a file without an ending like .docx"
    return (f"“{name}” is {kind}. Team Day imports Word (.docx), Markdown (.md) and text (.txt) files; "
            "for anything else, copy the text and paste it (P).")


# --- plain text ------------------------------------------------------------------------------


def plain_text(data: bytes, name: str) -> str:
    """Decode a .txt or .md file: UTF-8 (with or without BOM), UTF-16 with a BOM, or the
    Windows code page older editors save in. Binary data is refused."""
    if data.startswith(_ZIP_MAGIC):
        raise DraftImportError(f"“{name}” looks like a Word document with a text file's name. "
                               "Rename it to end in .docx and import it again.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DraftImportError(f"“{name}” could not be read as text; it may be damaged.") from None
    if b"\x00" in data or data.startswith(_OLE_MAGIC):
        raise _binary(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    odd = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd")
    if odd > max(2, len(text) // 100):
        raise _binary(name)
    return text


def _binary(name: str) -> DraftImportError:
    return DraftImportError(f"“{name}” does not contain plain text (it looks like another kind of file). "
                            "Open it in the program that made it and copy the text, then paste it (P).")


# --- Word --------------------------------------------------------------------------------------


def docx_text(data: bytes, name: str) -> str:
    """The text of a Word document: paragraphs and tables in document order. Headings become
    Markdown headings, list paragraphs "- " items, and each table row one line with its
    cells separated by " | "."""
    if data.startswith(_OLE_MAGIC):
        raise DraftImportError(f"“{name}” is an older Word file (.doc) renamed, or a document protected "
                               "with a password. Open it in Word, save it as .docx without a password, "
                               "or copy its text and paste it (P).")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DraftImportError(f"“{name}” is not a Word document, although its name ends in .docx. "
                               "Open it in the program that made it and save it as .docx, or paste its text (P).")
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        lines: list[str] = []
        _walk(document.element.body, document, lines)
    except DraftImportError:
        raise
    except Exception:  # noqa: BLE001 - python-docx, zipfile and lxml raise many kinds for a bad file
        raise DraftImportError(f"“{name}” could not be opened as a Word document: it may be damaged or "
                               "another kind of file. Open it in Word and save it again, or paste its text (P).") from None
    return "\n".join(lines)


def _walk(element, parent, lines: list[str]) -> None:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_line(Paragraph(child, parent)))
        elif child.tag == qn("w:tbl"):
            rows = _table_rows(Table(child, parent))
            if rows:
                lines.extend(["", *rows, ""])
        elif child.tag == qn("w:sdt"):  # a content control wraps paragraphs and tables
            inner = child.find(qn("w:sdtContent"))
            if inner is not None:
                _walk(inner, parent, lines)


def _paragraph_line(paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # noqa: BLE001 - a style the styles part does not hold
        style = ""
    heading = re.fullmatch(r"Heading (\d)", style)
    if heading:
        return "#" * min(int(heading.group(1)), 6) + " " + text
    if style == "Title":
        return "# " + text
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style.startswith("List") or numbered:
        return "- " + text
    return text


def _cell_text(cell) -> str:
    from docx.oxml.ns import qn

    parts: list[str] = []
    for p in cell._tc.iter(qn("w:p")):  # paragraphs of nested tables too, in order
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if text:
            parts.append(text)
    return "; ".join(parts)


def _table_rows(table) -> list[str]:
    seen: set = set()  # merged cells appear once per grid column and row they span (elements, kept alive)
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = _cell_text(cell)
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
