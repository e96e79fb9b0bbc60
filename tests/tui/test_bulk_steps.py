"""Operations on many records from the app: one step, one save, undone whole."""

from __future__ import annotations

from tests.tui.helpers import make_app
from tests.tui.test_job_description import add_draft, open_review, stored

PARAGRAPH = ("The postholder will support service users and patients on the ward to manage their "
             "symptoms, attend the MDT, and hold a caseload of complex cases with stakeholders. ")


def live_flags(path) -> list[dict]:
    return stored(path, "jd_flags")


async def test_checking_a_long_draft_saves_its_flags_once_and_undoes_them_whole(workshop_file):
    add_draft(workshop_file, text=(PARAGRAPH * 300)[:50_000], title="Long draft")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, "w")
        session = app.screen.session
        before = session.writes
        await pilot.press("r")
        await pilot.pause()
        assert session.writes == before + 1, "one save for the whole check"
        flags = live_flags(workshop_file)
        assert len(flags) > 10
        before = session.writes
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.writes == before + 1, "one save to undo it"
        assert live_flags(workshop_file) == []
