"""Spanish against English: one worker's end-to-end time on texts of the same length.

The texts are newswire from the evaluation folder, the only public news prose there is in
both languages: CoNLL-2003 English dev (Reuters) and CoNLL-2002 Spanish dev (EFE). Each
text is a run of consecutive sentences of one set, joined with spaces (a blank line every
five sentences, as paragraphs) until it reaches ``--chars`` characters, then cut at that
length on a word boundary, so every text of both languages has the same length within a
word; a text Dossier's language detection reads as another language is left out. Only
the token column is read, never a label.

For each language, in the same process and one after the other: bare ``nlp.pipe`` over
the texts with the language's spaCy package, then ``dossier ingest`` of the same texts
as files into a fresh SQLite store (language detected as a user's files are). Each stage
is run ``--repeat`` times and its fastest run is kept (``throughput.Stage``). The
figure the issue asks for is Spanish ingest time over English ingest time; the ratio of
the bare models is printed beside it, so that what the model costs and what Dossier's
rules cost can be told apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.ner_conll import SETS, sentences  # noqa: E402
from benchmarks.throughput import Stage, _ingest, _pipe, _timed, write_folder  # noqa: E402

PARAGRAPH = 5  # sentences per paragraph
_NO_SPACE_BEFORE = frozenset(",.;:!?)»”%")
_NO_SPACE_AFTER = frozenset("(«“¿¡")


def detokenise(tokens: Sequence[str]) -> str:
    """Gold tokens back into a sentence: no space before closing punctuation or after an
    opening mark (CoNLL gives "dijo ,"; a text says "dijo,")."""
    out: list[str] = []
    for token in tokens:
        if out and token not in _NO_SPACE_BEFORE and out[-1][-1:] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(token)
    return "".join(out)


def texts_of(language: str, count: int, chars: int) -> list[str]:
    """``count`` texts of ``chars`` characters from the language's CoNLL set (module doc)
    that Dossier detects as that language (a few Reuters sports tables read as another)."""
    from dossier.ingest.extract import _language

    path, _ = SETS[language]
    texts: list[str] = []
    current: list[str] = []
    size = 0
    for n, (tokens, _) in enumerate(sentences(path)):
        sentence = detokenise(tokens)
        current.append(sentence + ("\n\n" if n % PARAGRAPH == PARAGRAPH - 1 else " "))
        size += len(current[-1])
        if size >= chars:
            text = "".join(current)[:chars].rsplit(" ", 1)[0].strip()
            if _language(text) == language:
                texts.append(text)
            current, size = [], 0
            if len(texts) == count:
                break
    return texts


def _stages(language: str, texts: list[str], repeat: int, batch_size: int) -> dict[str, Stage]:
    import spacy

    from dossier.analyze.languages import resource
    from dossier.analyze.nlp import load_model
    from dossier.config import Settings

    model = resource(language, "language")["model"]
    bare = spacy.load(model)
    bare(texts[0])
    load_model(model)(texts[0])  # the analyser's copy, loaded before any timing
    words = sum(len(t.split()) for t in texts)
    runs: dict[str, list[float]] = {"bare": [], "ingest": []}
    for _ in range(repeat):
        runs["bare"].append(_timed(lambda: _pipe(bare, texts, batch_size))[0])
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp, "texts")
            folder.mkdir()
            write_folder(texts, folder)
            run = _ingest(folder, str(Path(tmp, "store.db")), Settings())
            languages = {a.language for a in _articles(str(Path(tmp, "store.db")))}
            if languages != {language}:
                raise SystemExit(f"{language} texts were detected as {sorted(languages)}")
            runs["ingest"].append(run.seconds)
    return {
        name: Stage(f"{language} {name}", times, len(texts), words, 0.0)
        for name, times in runs.items()
    }


def _articles(db: str) -> list[Any]:
    from dossier.store import open_store

    with open_store(db) as store:
        return [store.article(row.id) for row in store.articles()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="texts per language")
    parser.add_argument("--chars", type=int, default=3000, help="characters per text")
    parser.add_argument("--repeat", type=int, default=2, help="runs per stage; fastest kept")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    missing = [str(path) for path, _ in SETS.values() if not path.exists()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found", file=sys.stderr)
        return 0
    result: dict[str, Any] = {"count": args.count, "chars": args.chars}
    for language in ("en", "es"):
        texts = texts_of(language, args.count, args.chars)
        if len(texts) < args.count:
            raise SystemExit(f"{language}: only {len(texts)} texts of {args.chars} characters")
        stages = _stages(language, texts, args.repeat, args.batch_size)
        result[language] = {name: stage.as_dict() for name, stage in stages.items()}
    for name in ("bare", "ingest"):
        result[f"es_over_en_{name}"] = round(
            result["es"][name]["seconds"] / result["en"][name]["seconds"], 3
        )
    for language in ("en", "es"):
        for name in ("bare", "ingest"):
            stage = result[language][name]
            rate = f"{stage['words_per_s']:8.0f} words/s"
            print(f"{language} {name:6} {stage['seconds']:7.2f} s  {rate}")
    print(
        f"Spanish / English: ingest {result['es_over_en_ingest']:.2f}x, "
        f"bare spaCy {result['es_over_en_bare']:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
