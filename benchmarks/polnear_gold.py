"""Reading PolNeAR's gold: BRAT standoff attributions, one annotator per text.

Used by ``benchmarks/quotes_polnear.py``; see its docstring for how the gold is
read and scored. The data stays in ``../shared/eval/quotes/polnear`` (or under
``$DOSSIER_EVAL_DIR``) and is never copied into the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.extraction import EVAL_ENV, eval_dir
from benchmarks.split import Part, select

SET_NAME = "quotes/polnear"

Interval = tuple[int, int]

_TEXTBOUND_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT_RE = re.compile(r"^(E\d+)\t(.*)$")
_ROLE_RE = re.compile(r"^([A-Za-z-]+?)\d*:([TE]\d+)$")


# --- reading the gold -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; every span is a tuple of (start, end) pieces."""

    id: str
    content: tuple[Interval, ...]
    cue: tuple[Interval, ...] = ()
    source: tuple[Interval, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldText:
    name: str
    annotator: str
    annotators: tuple[str, ...]
    text: str
    attributions: tuple[GoldAttribution, ...]
    dropped: int = 0


def parse_brat(ann: str) -> list[GoldAttribution]:
    """Every event of a BRAT ``.ann`` text, in file order, including those without content."""
    spans: dict[str, tuple[Interval, ...]] = {}
    events: list[tuple[str, str]] = []
    for line in ann.splitlines():
        textbound = _TEXTBOUND_RE.match(line)
        if textbound:
            pieces = tuple(
                (int(a), int(b))
                for a, b in (piece.split() for piece in textbound.group(3).split(";"))
            )
            spans[textbound.group(1)] = tuple(sorted(pieces))
            continue
        event = _EVENT_RE.match(line)
        if event:
            events.append((event.group(1), event.group(2)))
    result = []
    for event_id, arguments in events:
        roles: dict[str, list[Interval]] = {"Content": [], "Cue": [], "Source": []}
        for index, argument in enumerate(arguments.split()):
            role = _ROLE_RE.match(argument)
            if index == 0 or role is None:
                continue  # the trigger (Attribution:T4), or a malformed argument
            if role.group(1) in roles:
                roles[role.group(1)].extend(spans.get(role.group(2), ()))
        result.append(
            GoldAttribution(
                event_id,
                tuple(sorted(roles["Content"])),
                tuple(sorted(roles["Cue"])),
                tuple(sorted(roles["Source"])),
            )
        )
    return result


def polnear_dir(split: str = "dev") -> Path | None:
    """The PolNeAR folder, or ``None`` when this checkout has no data for ``split``."""
    folder = eval_dir() / SET_NAME
    ok = (folder / split / "text").is_dir() and (folder / split / "attributions").is_dir()
    return folder if ok else None


def missing_data_message(split: str = "dev") -> str:
    return (
        f"PolNeAR {split} split not found at {eval_dir() / SET_NAME / split} "
        f"(set {EVAL_ENV} to the folder that holds quotes/polnear/)"
    )


def annotation_files(split_dir: Path) -> dict[str, list[str]]:
    """Text name to its annotators, sorted; names are ``<name>_<annotator>.ann``."""
    found: dict[str, list[str]] = {}
    for path in (split_dir / "attributions").glob("*.ann"):
        name, _, annotator = path.stem.rpartition("_")
        found.setdefault(name, []).append(annotator)
    return {name: sorted(annotators) for name, annotators in found.items()}


def load_split(
    data_dir: Path, split: str = "dev", limit: int | None = None, part: Part = "all"
) -> list[GoldText]:
    """The texts of one part of the split in name order (the first ``limit``), one gold each.

    Parts come from ``benchmarks/split.py`` on the text's file stem.
    """
    split_dir = data_dir / split
    annotators = annotation_files(split_dir)
    names = select(sorted(path.stem for path in (split_dir / "text").glob("*.txt")), str, part)
    if limit is not None:
        names = names[:limit]
    texts = []
    for name in names:
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        chosen = annotators.get(name, [])
        events: list[GoldAttribution] = []
        if chosen:
            ann = split_dir / "attributions" / f"{name}_{chosen[0]}.ann"
            events = parse_brat(ann.read_text(encoding="utf-8"))
        kept = tuple(event for event in events if event.content)
        texts.append(
            GoldText(
                name=name,
                annotator=chosen[0] if chosen else "",
                annotators=tuple(chosen),
                text=text,
                attributions=kept,
                dropped=len(events) - len(kept),
            )
        )
    return texts
