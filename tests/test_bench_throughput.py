"""The throughput benchmark's own parts: the corpus it assembles and the worker
memory it reads.

The corpus is built from a hand-written stand-in for the evaluation folder, so
these tests load no model and read no evaluation data.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import random
import time
from pathlib import Path

import pytest
from benchmarks import throughput, throughput_corpus
from benchmarks.throughput_memory import WorkerPeaks

from dossier.ingest.plaintext import paragraphs

HARBOUR = (
    "Harbour council meets again\n\n"
    "The harbour council will meet on Monday to discuss the storm damage.\n\n"
    "Fishermen counted 48 boats lost after the storm passed the coast.\n\n"
    "The mayor said repairs to the north pier would start in spring."
)
BRIDGE = (
    "Bridge closed for repairs\n\n"
    "The old river bridge closed on Tuesday after inspectors found cracks.\n\n"
    "Buses will take a detour through the market square until June.\n\n"
    "Shop owners said the detour had already cut their trade by half.\n\n"
    "The council promised a decision on a new bridge before the summer."
)
SCHOOL = "The school board approved a new budget on Wednesday after a long debate."


def _eval_folder(root: Path) -> Path:
    news = root / "news"
    news.mkdir(parents=True)
    with (news / "guardian-sample.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=["date", "text", "source"])
        writer.writeheader()
        writer.writerow({"date": "2019-01-01", "text": SCHOOL, "source": "x"})
        # The same text but for case and spacing: the store would call it a duplicate.
        writer.writerow({"date": "2019-01-02", "text": "  " + SCHOOL.upper(), "source": "x"})
    for split, text in (("train", HARBOUR), ("dev", BRIDGE)):
        folder = root / "quotes" / "polnear" / split / "text"
        folder.mkdir(parents=True)
        (folder / f"{split}-1.txt").write_text(text, encoding="utf-8")
    (root / "geo").mkdir()
    (root / "geo" / "lgl.xml").write_text(
        "<articles><article docid='1'><text><![CDATA[The county fair opened in the rain "
        "on Friday.]]></text></article></articles>",
        encoding="utf-8",
    )
    scrapinghub = root / "extraction" / "scrapinghub"
    scrapinghub.mkdir(parents=True)
    gold = {"a": {"articleBody": "Volunteers planted two hundred trees along the canal."}}
    (scrapinghub / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def _samples(root: Path) -> Path:
    root.mkdir()
    (root / "brief.md").write_text(
        "# Weekly brief\n\nThe **port** reopened on Thursday.\n", encoding="utf-8"
    )
    (root / "notes.json").write_text("{}", encoding="utf-8")
    return root


def test_mixed_takes_every_source_once_each_text_distinct(tmp_path: Path) -> None:
    corpus = throughput_corpus.build(
        "mixed", _eval_folder(tmp_path / "eval"), _samples(tmp_path / "samples")
    )
    assert corpus.sources == {
        "guardian": 1,
        "polnear": 2,
        "lgl": 1,
        "scrapinghub": 1,
        "samples": 1,
    }
    assert corpus.missing == []
    keys = [throughput_corpus.body_key(text) for text in corpus.texts]
    assert len(set(keys)) == len(keys) == 6
    # The Markdown sample is written as the text ingest would read from it.
    assert any(text.startswith("Weekly brief\n\nThe port reopened") for text in corpus.texts)
    assert corpus.words == sum(len(text.split()) for text in corpus.texts)


def test_order_is_fixed_by_the_seed(tmp_path: Path) -> None:
    eval_dir, samples = _eval_folder(tmp_path / "eval"), _samples(tmp_path / "samples")
    first = throughput_corpus.build("mixed", eval_dir, samples, seed=1).texts
    assert throughput_corpus.build("mixed", eval_dir, samples, seed=1).texts == first
    orders = {
        tuple(throughput_corpus.build("mixed", eval_dir, samples, seed=s).texts)
        for s in range(2, 8)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(first) for order in orders)


def test_count_pads_with_reshuffled_copies_that_are_distinct(tmp_path: Path) -> None:
    eval_dir, samples = _eval_folder(tmp_path / "eval"), _samples(tmp_path / "samples")
    corpus = throughput_corpus.build("mixed", eval_dir, samples, count=12)
    assert len(corpus.texts) == 12
    assert corpus.sources["reshuffled"] == 6
    keys = {throughput_corpus.body_key(text) for text in corpus.texts}
    assert len(keys) == 12
    originals = {paragraphs(HARBOUR)[0]: HARBOUR, paragraphs(BRIDGE)[0]: BRIDGE}
    for copy in corpus.texts[6:]:
        paras = paragraphs(copy)
        original = paragraphs(originals[paras[0]])
        assert sorted(paras) == sorted(original) and paras != original


def test_count_below_the_corpus_takes_the_first_in_seeded_order(tmp_path: Path) -> None:
    eval_dir, samples = _eval_folder(tmp_path / "eval"), _samples(tmp_path / "samples")
    whole = throughput_corpus.build("mixed", eval_dir, samples)
    part = throughput_corpus.build("mixed", eval_dir, samples, count=3)
    assert part.texts == whole.texts[:3]
    assert sum(part.sources.values()) == 3 and "reshuffled" not in part.sources


def test_missing_sources_are_named_and_left_out(tmp_path: Path) -> None:
    eval_dir = _eval_folder(tmp_path / "eval")
    (eval_dir / "geo" / "lgl.xml").unlink()
    corpus = throughput_corpus.build("mixed", eval_dir, tmp_path / "no-samples")
    assert corpus.missing == ["lgl", "samples"]
    assert "lgl" not in corpus.sources


def test_too_few_paragraphs_to_reshuffle_is_an_error(tmp_path: Path) -> None:
    eval_dir = _eval_folder(tmp_path / "eval")
    # The Guardian stand-in holds one one-paragraph text: nothing to reorder.
    with pytest.raises(ValueError, match="no text has 3 or more paragraphs"):
        throughput_corpus.build("guardian", eval_dir, tmp_path / "none", count=5)
    with pytest.raises(ValueError, match="unknown corpus 'reuters'"):
        throughput_corpus.build("reuters", eval_dir, tmp_path / "none")


def test_reshuffled_keeps_the_first_paragraph_and_needs_three() -> None:
    rng = random.Random(3)
    copy = throughput_corpus.reshuffled(BRIDGE, rng)
    assert copy is not None
    assert paragraphs(copy)[0] == paragraphs(BRIDGE)[0]
    assert paragraphs(copy) != paragraphs(BRIDGE)
    assert throughput_corpus.reshuffled("Title\n\nOne paragraph only.", rng) is None


def test_count_and_limit_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        throughput._parse_args(["--count", "10", "--limit", "5"])
    assert "give one" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        throughput._parse_args(["--count", "0"])


def _hold_memory(seconds: float) -> None:
    block = bytearray(64 * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    time.sleep(seconds)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_worker_peaks_reads_a_spawned_childs_high_water_mark() -> None:
    context = multiprocessing.get_context("spawn")
    with WorkerPeaks(interval=0.05) as peaks:
        child = context.Process(target=_hold_memory, args=(2.0,))
        child.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and peaks.peaks.get(child.pid or 0, 0.0) < 64:
            time.sleep(0.05)
        child.join()
    assert child.pid in peaks.peaks
    assert peaks.peaks[child.pid] >= 64
