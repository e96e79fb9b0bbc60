"""Wording patterns from templates and session files cannot freeze the app or the export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop import content
from workshop.jd.check import check_wording, find_wording
from workshop.jd.safe_pattern import MAX_REPEAT, UnsafePattern, problem, safe_compile, safe_source

CATASTROPHIC = ["(a+)+$", "(a|a)*b", "(a*)*b", r"(\w+\s?)+$", r"(.*a){12}", r"(x+x+)+y"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_nested_repeats_are_refused_with_a_reason(pattern: str) -> None:
    with pytest.raises(UnsafePattern, match="repeats a group"):
        safe_compile(pattern)


@pytest.mark.parametrize("pattern", [r".*a.*a.*a.*b", r"[^.]{0,50}[^.]{0,50}x", "a?" * 25 + "a" * 25,
                                     "(?:a|ab)" * 12 + "c"])
def test_patterns_that_can_match_the_same_text_in_many_ways_are_refused(pattern: str) -> None:
    assert "too long" in problem(pattern)


@pytest.mark.parametrize("pattern", [r"(\w)\1", r"(a)?(?(1)b|c)"])
def test_back_references_are_refused(pattern: str) -> None:
    assert "refers back" in problem(pattern)


def test_invalid_patterns_say_so() -> None:
    assert "not a valid regular expression" in problem("(unclosed")


def test_everyday_patterns_are_kept_with_repeats_capped() -> None:
    assert problem(r"\bbank\s+shifts?\b") is None
    assert problem(r"\b(?:duty|ward)\s+rotas?\b") is None
    assert problem(r"(?i:PSW)s?") is None
    assert safe_source(r"\w+ing\b") == rf"[\w]{{1,{MAX_REPEAT}}}ing\b"
    rx = safe_compile(r"\bcare\s+co-?ordinat\w*\b")
    assert rx.search("Care  Co-ordinators") and rx.flags & re.IGNORECASE
    # The rewritten pattern finds what the original finds in ordinary text.
    for pattern in (r"\bsuffer(?:s|ed|ing)?\s+(?:from|with)\b", r"\bnon[\s-]?complian(?:t|ce)\b",
                    r"(?:\b(?:an?|the)\s+psychotic\b(?!\s+(?:experiences?|episodes?)\b)|\bpsychotics\b)"):
        for text in ("she suffered with it", "non-compliance", "a psychotic man", "psychotic experiences"):
            assert bool(re.search(pattern, text, re.I)) == bool(safe_compile(pattern).search(text)), (pattern, text)


def test_every_shipped_pattern_is_safe() -> None:
    for term in content.wording_lexicon():
        for pattern in [term["pattern"], *term.get("neutral", [])]:
            assert problem(pattern) is None, (term["key"], problem(pattern))
    for item in content.neutral_wording():
        assert problem(item["pattern"]) is None, item["key"]
    for item in content.peer_essentials() + content.example_duties():
        for pattern in item["patterns"]:
            assert problem(pattern) is None, (item["key"], pattern)


def test_an_unsafe_entry_in_a_session_lexicon_is_left_out_not_run() -> None:
    lexicon = [
        {"key": "template:bad", "pattern": "(a+)+$", "phrase": "a", "reason": "r", "suggestion": "s"},
        {"key": "template:psw", "pattern": r"\bPSW\b", "phrase": "PSW", "reason": "r", "suggestion": "s"},
    ]
    flags = find_wording("a PSW " + "a" * 40 + "!", lexicon)
    assert [f.key for f in flags] == ["template:psw"]


def test_a_catastrophic_pattern_returns_within_a_second() -> None:
    # Run in a child process so a regression shows as a failure instead of hanging the suite.
    script = textwrap.dedent("""
        import time
        from workshop.jd.check import check_wording
        lexicon = [{"key": "template:x", "pattern": "(a+)+$", "phrase": "x", "reason": "r", "suggestion": "s"}]
        draft = "Peer support worker. " + "a" * 40 + "!"
        start = time.perf_counter()
        check_wording(draft, lexicon=lexicon)
        check_wording("a" * 5000 + "!", lexicon=lexicon)
        print(time.perf_counter() - start)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=10)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 1.0


def test_the_shipped_check_stays_quick_on_a_hostile_draft() -> None:
    # Long runs of what the patterns look for are the worst case for a backtracking engine.
    script = textwrap.dedent("""
        import time
        from workshop.jd.check import check_wording
        worst = 0.0
        for text in ("a" * 50_000, " " * 50_000, "been well for " * 4_000, "not " * 12_000, "share " * 9_000):
            start = time.perf_counter()
            check_wording(text)
            worst = max(worst, time.perf_counter() - start)
        print(worst)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 5.0


def test_the_safe_form_of_each_shipped_pattern_finds_the_same_stretches() -> None:
    corpus = Path(__file__).parent / "data" / "wording_corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append(content.demo_workshop()["job_descriptions"][0]["text"])
    patterns = [p for t in content.wording_lexicon() for p in [t["pattern"], *t.get("neutral", [])]]
    patterns += [n["pattern"] for n in content.neutral_wording()]
    patterns += [p for e in content.peer_essentials() for p in e["patterns"]]
    for pattern in patterns:
        original, safe = re.compile(pattern, re.IGNORECASE), safe_compile(pattern)
        for text in texts:
            assert [m.span() for m in original.finditer(text)] == [m.span() for m in safe.finditer(text)], pattern
