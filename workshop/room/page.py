"""The page participants see on their phones: one plain form, no script, nothing fetched
from anywhere else, large type. Every word from outside (the workshop's own content too)
is escaped before it is written into the page."""

from __future__ import annotations

from html import escape

from workshop import content
from workshop.room.queue import ROOM_ACTIVITIES, choices

# Inline, so the page needs nothing else; the Content-Security-Policy allows exactly this.
STYLE = """
body{font-family:system-ui,sans-serif;font-size:1.35rem;line-height:1.45;margin:0;padding:1rem;
background:#fff;color:#111;max-width:40rem}
h1{font-size:1.6rem;margin:.2rem 0 .6rem}
p{margin:.5rem 0}
.prompt{font-weight:bold}
.note{color:#333;font-size:1.05rem}
label{display:block;margin:.4rem 0}
fieldset{border:2px solid #444;border-radius:.4rem;margin:.8rem 0;padding:.4rem .8rem}
legend{font-weight:bold;padding:0 .3rem}
input[type=radio]{width:1.4rem;height:1.4rem;vertical-align:middle;margin-right:.5rem}
textarea,select{font:inherit;width:100%;box-sizing:border-box;border:2px solid #444;border-radius:.4rem;padding:.5rem}
textarea{min-height:8rem}
button{font:inherit;font-weight:bold;padding:.7rem 2rem;margin:.8rem 0;border-radius:.4rem;
border:2px solid #114;background:#1d3f8f;color:#fff}
.done{border-left:.5rem solid #1a7f37;padding:.4rem .8rem;background:#eef8f0}
.warn{border-left:.5rem solid #9a6700;padding:.4rem .8rem;background:#fff8e5}
""".strip()


def words() -> dict:
    return content.room_page()


def _prompt(activity: str) -> str:
    found = next((a for a in content.activities() if a.key == activity), None)
    return found.summary if found else ""


def _choice_block(activity: str) -> str:
    block = next(a for a in words()["activity"] if a["key"] == activity)
    options = choices(activity)
    if activity == "concerns":
        items = "".join(f'<option value="{escape(key)}">{escape(label)}</option>' for key, label in options)
        return (f'<label for="choice">{escape(block["question"])}</label>'
                f'<select id="choice" name="choice">{items}</select>')
    radios = []
    for n, (key, label) in enumerate(options):
        checked = " checked" if n == 0 else ""
        radios.append(f'<label><input type="radio" name="choice" value="{escape(key)}"{checked}>'
                      f'{escape(label)}</label>')
    note = f'<p class="note">{escape(block["private_note"])}</p>' if block.get("private_note") else ""
    return f'<fieldset><legend>{escape(block["question"])}</legend>{"".join(radios)}</fieldset>{note}'


def _page(title: str, body: str) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="no-referrer"><title>{escape(title)}</title>'
            f'<style>{STYLE}</style></head><body>{body}</body></html>')


def form_page(activity: str | None, form_token: str, message: str = "", kind: str = "done",
              workshop_title: str = "") -> str:
    """The form for the activity on the facilitator's screen (or a "not now" page).
    `message` is shown above it (received, or why it was not taken)."""
    text = words()
    head = f'<h1>{escape(text["title"])}</h1>'
    if workshop_title:
        head += f'<p class="note">{escape(workshop_title)}</p>'
    notice = f'<p class="{escape(kind)}" role="status">{escape(message)}</p>' if message else ""
    if activity not in ROOM_ACTIVITIES:
        return _page(text["title"], head + notice + f'<p>{escape(text["not_now"])}</p>')
    title = next(a.title for a in content.activities() if a.key == activity)
    body = (
        f'{head}{notice}<h1>{escape(title)}</h1>'
        f'<p class="prompt">{escape(_prompt(activity))}</p>'
        f'<p class="note">{escape(text["intro"])}</p>'
        '<form method="post" action="" accept-charset="utf-8">'
        f'<input type="hidden" name="form" value="{escape(form_token)}">'
        f'<input type="hidden" name="activity" value="{escape(activity)}">'
        f'{_choice_block(activity)}'
        f'<label for="text">{escape(text["text_label"])}</label>'
        '<textarea id="text" name="text" maxlength="2000" required></textarea>'
        f'<button type="submit">{escape(text["send"])}</button>'
        '</form>'
    )
    return _page(title, body)


def not_found_page() -> str:
    return _page("Not found", "<h1>Not found</h1>")


def refused_page() -> str:
    return _page(words()["title"], f'<p class="warn">{escape(words()["refused"])}</p>')
