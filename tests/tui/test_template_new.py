"""Organisation templates in the app: chosen on the new-workshop screen (from the sessions
folder's templates/ or a typed path), a broken one shown as broken, and what a workshop made
from one shows: its concerns in the library and as a category, its prompts above an activity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Label, Select

from tests.tui.helpers import make_app
from workshop import content, model
from workshop.store import Session
from workshop.template import load_template
from workshop.tui.screens.concern_edit import EditConcernScreen
from workshop.tui.screens.concern_library import LibraryScreen
from workshop.tui.screens.new_workshop import NewWorkshopScreen
from workshop.tui.widgets.template_prompts import TemplatePrompts

EXAMPLE = Path(content.__file__).parent / "templates" / "example.toml"
BROKEN = 'name = "Broken one"\n[timeboxes]\nconcerns = 900\n'


@pytest.fixture
def templates(sessions: Path) -> Path:
    folder = sessions / "templates"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "northvale.toml")
    (folder / "a-broken.toml").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture
def templated_file(sessions: Path) -> Path:
    fields = load_template(EXAMPLE).workshop_fields()
    with Session.create(sessions / "northvale.json", title="Northvale team day", **fields) as session:
        return session.path


def plain(widget) -> str:
    return str(widget.render())


async def open_form(pilot, title: str) -> NewWorkshopScreen:
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NewWorkshopScreen)
    await pilot.press(*title)
    return screen


async def to_template_list(pilot) -> Select:
    await pilot.press(*["tab"] * 6)  # title, team, organisation, date, venue, facilitators
    await pilot.pause()
    select = pilot.app.screen.query_one("#new-template", Select)
    assert select.has_focus
    return select


async def test_choosing_a_template_from_the_folder(templates, sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, "Northvale day")
        select = await to_template_list(pilot)
        await pilot.press("enter")  # open the list: No template, Northvale, then the broken one
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert select.value == "0"
        note = plain(screen.query_one("#new-template-note", Label))
        assert note.startswith("Northvale adult community teams: role title: Peer Recovery Worker")
        await pilot.press("shift+tab", "enter")  # back to the last field; Enter creates it
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    with Session.open(sessions / "northvale-day.json", read_only=True) as session:
        ws = session.workshop()
    assert ws["role_title"] == "Peer Recovery Worker"
    assert ws["timeboxes"] == {**model.DEFAULT_TIMEBOXES, "hopes_fears": 40, "concerns": 50}
    assert ws["template"]["file"] == "northvale.toml"


async def test_a_broken_template_is_listed_with_its_reason_and_cannot_be_chosen(templates, sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, "Northvale day")
        select = await to_template_list(pilot)
        labels = [str(prompt) for prompt, _ in select._options]
        reason = "a-broken.toml, line 3: timeboxes.concerns should be a whole number of minutes from 0 to 600"
        assert labels == ["No template", "Northvale adult community teams", f"Cannot be used: {reason}"]
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert select.value == ""  # back to no template
        note = screen.query_one("#new-template-note", Label)
        assert plain(note) == f"Cannot be used: {reason}" and note.has_class("-problem")
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    with Session.open(sessions / "northvale-day.json", read_only=True) as session:
        assert session.workshop()["template"] is None


async def test_a_typed_path(templates, sessions, tmp_path):
    good = tmp_path / "ours.toml"
    good.write_text('name = "Ours"\nrole_title = "Peer Mentor"\n', encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, "Typed day")
        path_input = screen.query_one("#new-template-path", Input)
        path_input.value = str(bad)
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        error = plain(screen.query_one("#new-error", Label))
        assert error == ("The template cannot be used. bad.toml, line 3: timeboxes.concerns should be a whole "
                         "number of minutes from 0 to 600")
        assert app.screen is screen and not list(sessions.glob("*.json"))
        # A template chosen in the list and a typed path: the form asks for one of them.
        screen.query_one("#new-template", Select).value = "0"
        path_input.value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert "not both" in plain(screen.query_one("#new-error", Label))
        screen.query_one("#new-template", Select).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    with Session.open(sessions / "typed-day.json", read_only=True) as session:
        assert session.workshop()["role_title"] == "Peer Mentor"


async def test_no_templates_folder(sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, "Plain day")
        assert [str(p) for p, _ in screen.query_one("#new-template", Select)._options] == ["No template"]
        assert "No templates in that folder" in plain(screen.query_one("#new-template-note", Label))


async def test_the_concern_library_and_form_offer_the_template_concerns(templated_file):
    app = make_app(templated_file.parent, templated_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("alt+6")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("escape", "l")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        listing = library.query_one("#library-list")
        options = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "── From Northvale adult community teams ──" in options
        assert "Peer workers will be asked to cover bank shifts on the ward" in options
        listing.highlighted = listing.get_option_index("template:bank_shifts")
        await pilot.pause()
        gist = plain(library.query_one("#library-gist-text"))
        assert "Category: Bank shifts" in gist and "From Northvale adult community teams" in gist
        assert "Source: Northvale peer worker agreement, 2026" in gist
        await pilot.press("n")  # a new concern made from it
        await pilot.pause()
        view = app.screen.views["concerns"]
        rows = [str(view._list().get_option_at_index(i).prompt) for i in range(view._list().option_count)]
        assert any("Bank shifts" in row for row in rows)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditConcernScreen)
        category = form.query_one("#cn-category", Select)
        assert category.value == "template:bank_shifts"
        assert ("Access to records", "template:access_to_records") in [(str(p), v) for p, v in category._options]
        await pilot.press("escape")
    with Session.open(templated_file, read_only=True) as session:
        concern = session.records("concerns")[0]
    assert concern["category"] == "template:bank_shifts"
    assert concern["text"] == "Peer workers will be asked to cover bank shifts on the ward"


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
async def test_template_prompts_show_above_the_activity(templated_file, workshop_file, projector):
    app = make_app(templated_file.parent, templated_file, projector=projector)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        strip = app.screen.query_one("#template-prompts-hopes_fears", TemplatePrompts)
        assert plain(strip) == ("Also ask ▸ What did people who use our service tell us they want from "
                                "peer support?")
        assert 1 <= strip.region.height <= 4
        hopes = app.screen.query_one("#list-hope")
        assert hopes.region.height >= 5  # the activity still has room at 80x24
        await pilot.press("alt+3")  # the template has no prompts for expertise
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.views["expertise"].query(TemplatePrompts)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(TemplatePrompts)


HOSTILE = '''name = "[b]Ours[/x]"
[prompts]
concerns = ["[red]What [/] helps?"]

[[concern]]
label = "[i]Rota"
title = "Shifts [/b] on the ward"
gist = ["[link=x]Agree it[/link] first"]
'''


async def test_a_template_s_words_are_shown_as_written(sessions):
    (sessions / "templates").mkdir()
    (sessions / "templates" / "ours.toml").write_text(HOSTILE, encoding="utf-8")
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, "Markup day")
        select = await to_template_list(pilot)
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert plain(screen.query_one("#new-template-note", Label)).startswith("[b]Ours[/x]: 1 extra prompt")
        assert str(select.query_one("SelectCurrent Static#label").render()) == "[b]Ours[/x]"
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        await pilot.press("alt+6")
        await pilot.pause()
        await pilot.pause()
        strip = app.screen.query_one("#template-prompts-concerns", TemplatePrompts)
        assert plain(strip) == "Also ask ▸ [red]What [/] helps?"
        await pilot.press("escape", "l")
        await pilot.pause()
        listing = app.screen.query_one("#library-list")
        options = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "── From [b]Ours[/x] ──" in options and "Shifts [/b] on the ward" in options
        listing.highlighted = listing.get_option_index("template:i_rota")
        await pilot.pause()
        gist = plain(app.screen.query_one("#library-gist-text"))
        assert "Category: [i]Rota" in gist and "[link=x]Agree it[/link] first" in gist
