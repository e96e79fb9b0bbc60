"""Text made safe for XML and Markdown before it reaches any writer."""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 cannot hold C0 controls (but tab and newline), lone surrogates, U+FFFE/U+FFFF;
# python-docx raises on them (or at save, for surrogates). C1 controls and the other
# non-characters are legal XML but render as boxes or vanish differently per program.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Outside the BMP the non-characters are U+nFFFE and U+nFFFF of every plane; one wide
# range finds candidates quickly (a class listing all 32 is several times slower).
_ASTRAL = re.compile("[\U0001fffe-\U0010ffff]")
_BAD_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Controls that stand between words (vertical tab, form feed, the information separators;
# Python counts them all as white space) become spaces, or the words would run together.
# A byte-order mark pasted in with a file's text is no character of the text.
_SEPARATORS = str.maketrans({"\x0b": " ", "\x0c": " ", "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " ",
                             "\ufeff": None})
_SURROGATE = re.compile("[\ud800-\udfff]")
_RTL_CLASSES = frozenset(("R", "AL"))
_LTR_CLASSES = frozenset(("L",))


def _join_surrogate_pairs(text: str) -> str:
    # A pair decoded one half at a time (e.g. by a lenient JSON reader) is really one
    # emoji: rejoin it rather than lose it; only truly lone halves get dropped below.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def clean(value: object) -> str:
    """Any field value as text XML can hold; None becomes ""."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isascii():  # the common case, and much cheaper to check
        if text.isprintable():
            return text
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _BAD_ASCII.sub("", text.translate(_SEPARATORS))
    text = text.translate(_SEPARATORS)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x85" in text:
        text = text.replace("\x85", "\n")
    if _SURROGATE.search(text):
        text = _join_surrogate_pairs(text)
    text = _BAD.sub("", text)
    if _ASTRAL.search(text):
        text = _ASTRAL.sub(_drop_noncharacter, text)
    return text


def _drop_noncharacter(match: re.Match) -> str:
    ch = match.group()
    return "" if (ord(ch) & 0xFFFE) == 0xFFFE else ch


def clean_line(value: object) -> str:
    """A one-line value: cleaned, runs of whitespace collapsed."""
    return " ".join(clean(value).split())


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left."""
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                return False
            continue
        cls = unicodedata.bidirectional(ch)
        if cls in _RTL_CLASSES:
            return True
        if cls in _LTR_CLASSES:
            return False
    return False


def slugify(text: str, *, fallback: str = "team-day", limit: int = 60) -> str:
    """A file-name-safe ASCII slug (letters, digits, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", clean(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:limit].rstrip("-")
    return slug or fallback
