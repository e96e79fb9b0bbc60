"""Done when: the facilitator opens the room on the demo workshop, a participant's phone (a
real headless Chromium) adds a hope, a fear and a concern through the form, the facilitator
accepts two and declines one from the keyboard, and the accepted ones are in the file and
in the Word record. Chromium and its driver are Debian's (scripts/test installs them);
nothing is fetched from the network."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import docx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop.demo import create_demo
from workshop.export import ExportOptions, export_record
from workshop.store import Session
from workshop.tui.room.screen import RoomScreen

# Where the phone's screenshots go; set ROOM_SCREENSHOTS to keep them after the run.
SHOTS = os.environ.get("ROOM_SCREENSHOTS")


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    monkeypatch.setattr("workshop.room.server.local_address", lambda: ("127.0.0.1", True))
    # selenium-manager would otherwise try to reach the network to report usage.
    monkeypatch.setenv("SE_AVOID_STATS", "true")


def phone() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=412,915", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def fill_in(browser: webdriver.Chrome, url: str, text: str, choice: str | None, shots: Path, name: str) -> str:
    """Load the form, fill it in as a person would, send it; return the page that answers."""
    browser.get(url)
    if choice is not None:
        # The form for this choice, once the new page is there (under load the page that
        # answered the last send was once still being read when this looked).
        radio = f'input[name="choice"][value="{choice}"]'
        option = f'select[name="choice"] option[value="{choice}"]'
        WebDriverWait(browser, 20).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, radio) or b.find_elements(By.CSS_SELECTOR, option),
            f"the form offering {choice!r} at {url}")
        radios = browser.find_elements(By.CSS_SELECTOR, radio)
        if radios:
            radios[0].click()
        else:
            Select(browser.find_element(By.NAME, "choice")).select_by_value(choice)
    browser.find_element(By.ID, "text").send_keys(text)
    browser.save_screenshot(str(shots / f"{name}-filled.png"))
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    browser.save_screenshot(str(shots / f"{name}-received.png"))
    return browser.find_element(By.TAG_NAME, "body").text


async def test_phones_add_words_through_a_real_browser_and_the_facilitator_decides(sessions, tmp_path):
    path = create_demo(sessions)
    shots = Path(SHOTS) if SHOTS else tmp_path / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    app = make_app(sessions, path)
    async with app.run_test(size=(120, 40)) as pilot:
        pilot.app.screen.show_activity("hopes_fears")
        await pilot.pause()
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the room screen")
        room = app.screen.host
        url = room.server.url
        browser = await asyncio.to_thread(phone)
        try:
            said = await asyncio.wait_for(asyncio.to_thread(
                fill_in, browser, url, "People see recovery is real", "hope", shots, "hope"), 60)
            assert "Received, thank you." in said
            said = await asyncio.wait_for(asyncio.to_thread(
                fill_in, browser, url, "We <i>tick a box</i> and stop there", "fear", shots, "fear"), 60)
            assert "Received" in said
            await until(pilot, lambda: len(room.queue) == 2, "two waiting")
            app.screen.query_one("#room-queue").focus()
            await pilot.press("a")  # the hope
            await pilot.press("d")  # the fear is declined
            await pilot.pause()
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, RoomScreen), "back to the workshop")
            pilot.app.screen.show_activity("concerns")
            await pilot.pause()
            said = await asyncio.wait_for(asyncio.to_thread(
                fill_in, browser, url, "Who supports the peer worker on a bad day?", "overwork", shots,
                "concern"), 60)
            assert "Received" in said
            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the room screen again")
            await until(pilot, lambda: len(room.queue) == 1, "the concern waiting")
            await pilot.press("a")
            await pilot.pause()
        finally:
            await asyncio.to_thread(browser.quit)
    with Session.open(path, read_only=True) as session:
        hopes = [r for r in session.records("hopes_fears") if r.get("from_room")]
        concerns = [r for r in session.records("concerns") if r.get("from_room")]
        snapshot = session.snapshot()
    assert [(r["kind"], r["text"]) for r in hopes] == [("hope", "People see recovery is real")]
    assert [(r["category"], r["text"]) for r in concerns] == [("overwork", "Who supports the peer worker on a bad day?")]
    assert not any("tick a box" in r["text"] for r in snapshot["hopes_fears"] if "text" in r)
    out = export_record(snapshot, tmp_path / "demo.docx", ExportOptions())
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "2 entries in this record came from the room" in text
    assert "People see recovery is real" in text + cells and "bad day" in text + cells
    assert (shots / "hope-received.png").stat().st_size > 0
