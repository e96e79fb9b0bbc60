"""About Team Day and the sources its content is drawn from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from workshop import content
from workshop.export.mdparse import make_parser


def sources_markdown() -> str:
    lines = [
        "Team Day supports the team-preparation day held before a mental health team welcomes",
        "its first peer support workers. The prompts, concern library, criteria and guides are",
        "written in our own words from these documents, which we gratefully credit:",
        "",
    ]
    for source in content.sources():
        year = f" ({source['year']})" if source.get("year") else ""
        lines.append(f"- **{source['title']}**{year}, {source['publisher']}. {source.get('note', '')}".rstrip())
    lines += ["", "Nothing here replaces the documents themselves, or local HR and legal advice."]
    return "\n".join(lines)


class AboutScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f3,q", "close", "Close", id="about.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="about-body"):
            yield Label("About Team Day and its sources", classes="dialog-title")
            yield Markdown(sources_markdown(), parser_factory=make_parser)
            yield Label("Esc closes.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
