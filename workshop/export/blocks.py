"""The neutral record: what goes into the document, already filtered and ordered.

Writers turn these blocks into Word or Markdown without deciding anything about privacy
or order; that all happens in record.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Union

from .mdparse import Block as NoteBlock


@dataclass(slots=True)
class Heading:
    level: int  # 0 is the document title
    text: str
    anchor: str | None = None
    outline: bool = True  # False: looks like a heading but stays out of the contents (the cover's)


@dataclass(slots=True)
class Para:
    text: str
    style: str = "body"  # body | lead | note (a quiet remark, e.g. "held back")


@dataclass(slots=True)
class Fields:
    """Label: value lines, e.g. the cover details."""
    pairs: list[tuple[str, str]]


@dataclass(slots=True)
class Bullets:
    items: list[str]


@dataclass(slots=True)
class Column:
    title: str
    weight: float  # share of the text width; the writer turns it into a fixed width
    align: str = "left"  # left | center | right


@dataclass(slots=True)
class GroupRow:
    """A row spanning the table that starts a group (a theme, a criteria group)."""
    label: str


Row = Union[tuple[str, ...], GroupRow]


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[Row]


@dataclass(slots=True)
class BarRow:
    label: str
    count: int | None  # None: not shared in this record
    remark: str = ""


@dataclass(slots=True)
class Bars:
    """A horizontal bar chart drawn as shaded table cells."""
    rows: list[BarRow]
    cells: int = 20
    label_title: str = "Source"
    count_title: str = "Entries"


@dataclass(slots=True)
class Notes:
    blocks: list[NoteBlock]


@dataclass(slots=True)
class Contents:
    entries: list[tuple[str, str]]  # (anchor, title)


Item = Union[Heading, Para, Fields, Bullets, Table, Bars, Notes, Contents]


@dataclass(slots=True)
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    landscape: bool = False
    held_back: int = 0  # entries left out by choice (counted, never shown)
    shown: int = 0  # entries shown (for the summary)
    starts_page: bool = False  # begins on a fresh page even without a change of orientation


@dataclass(slots=True)
class Properties:
    title: str
    author: str
    subject: str
    keywords: str
    category: str
    created: datetime
    modified: datetime


@dataclass(slots=True)
class Record:
    properties: Properties
    sections: list[Section]
    running_head: str = ""  # the title and date of the day, at the top of every page
    status: str = ""  # "Draft" or "Final", also kept in the document's properties
