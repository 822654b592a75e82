"""The CoNLL entity benchmark's parts: reading IOB tags into spans, and sorting wrong
spans by kind, on tag sequences written here."""

from __future__ import annotations

from benchmarks.ner_conll import error_kinds, spans


def test_iob2_and_iob1_spans() -> None:
    assert spans(["B-PER", "I-PER", "O", "B-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    # IOB1: an entity may start with I-, and B- only splits two of one type
    assert spans(["I-ORG", "I-ORG", "B-ORG", "O", "I-MISC"]) == {
        (0, 2, "ORG"),
        (2, 3, "ORG"),
        (4, 5, "MISC"),
    }
    assert spans(["O", "O"]) == set()


def test_error_kinds() -> None:
    gold = {(0, 2, "PER"), (3, 5, "ORG"), (6, 7, "LOC"), (8, 9, "MISC"), (10, 11, "PER")}
    found = {
        (0, 2, "PER"),  # right
        (3, 5, "LOC"),  # the right words, the wrong type
        (6, 8, "LOC"),  # one word too many
        (8, 10, "ORG"),  # overlapping, another type
        (12, 13, "ORG"),  # nothing there
    }
    assert error_kinds(gold, found) == {
        "type ORG as LOC": 1,
        "boundary": 1,
        "boundary+type": 1,
        "missed PER": 1,
        "spurious ORG": 1,
    }
