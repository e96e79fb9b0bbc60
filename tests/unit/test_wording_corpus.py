"""How far the wording check can be relied on: precision and recall on a labelled corpus of
job-description sentences (tests/unit/data/wording_corpus.jsonl).

Each line is {"text": ..., "flag": true|false}: true when a reviewer would want the sentence
queried, false when its wording is fine (including names of groups and services,
self-identification and staff wellbeing, which share words with wording to query)."""

from __future__ import annotations

import json
from pathlib import Path

from workshop.jd.check import find_wording

CORPUS = Path(__file__).parent / "data" / "wording_corpus.jsonl"


def corpus() -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_corpus_is_big_enough_and_balanced() -> None:
    rows = corpus()
    assert len(rows) >= 200
    assert len({r["text"] for r in rows}) == len(rows)
    flagged = sum(1 for r in rows if r["flag"])
    assert 80 <= flagged <= len(rows) - 80
    assert all(isinstance(r["flag"], bool) and r["text"].strip() for r in rows)


def test_precision_and_recall_on_the_corpus(capsys) -> None:
    tp = fp = fn = tn = 0
    wrong = []
    for row in corpus():
        flags = find_wording(row["text"])
        if flags and row["flag"]:
            tp += 1
        elif flags:
            fp += 1
            wrong.append(("over-flagged", row["text"], [f.phrase for f in flags]))
        elif row["flag"]:
            fn += 1
            wrong.append(("missed", row["text"], []))
        else:
            tn += 1
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    with capsys.disabled():
        print(f"\nwording corpus: {tp + fp + fn + tn} sentences, precision {precision:.3f}, recall {recall:.3f} "
              f"(tp {tp}, fp {fp}, fn {fn}, tn {tn})")
        for kind, text, phrases in wrong:
            print(f"  {kind}: {text} {phrases or ''}")
    assert precision >= 0.95 and recall >= 0.95, wrong


def test_every_flag_in_the_corpus_has_a_reason_and_a_suggestion() -> None:
    for row in corpus():
        for flag in find_wording(row["text"]):
            assert flag.reason.strip() and flag.suggestion.strip(), flag
