"""Alert rules for ``dossier watch``: which new findings to tell someone about, and how.

A rules file (TOML, or JSON when its name ends in ``.json``) holds ``[[rule]]`` tables,
each naming the kind of finding it looks at and the conditions it must meet, and an
optional ``[alerts]`` table saying where ``log`` and ``webhook`` alerts go. Every
condition is a case-insensitive match of whole words ("DEA" matches "the DEA said" but
not "IDEA"), so a rule reads like the sentence it stands for. The README documents the
format ("Alert rules"); a file that breaks it is refused whole, naming the file, the rule
and the reason, before any poll.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Code, DossierError, Stage
from .models import EVIDENCE_TYPES, Article

ACTIONS = ("print", "log", "webhook")
# The conditions each kind of finding takes, and whether the value is text (else a flag).
CONDITIONS: dict[str, dict[str, type]] = {
    "event": {"actor": str, "place": str, "type": str, "status": str, "mentions": str},
    "quote": {"speaker": str, "anonymous": bool, "mentions": str},
    "claim": {"evidence": str, "source": str, "mentions": str},
}
_RULE_KEYS = {"name", "finding", "actions"}


@dataclass(frozen=True)
class Rule:
    name: str
    finding: str  # "event", "quote" or "claim"
    conditions: tuple[tuple[str, str | bool], ...]
    actions: tuple[str, ...] = ("print",)


@dataclass(frozen=True)
class Rules:
    path: str
    rules: tuple[Rule, ...]
    log: str | None = None  # the JSONL file "log" appends to
    webhook: str | None = None  # the URL "webhook" posts to


@dataclass(frozen=True)
class Alert:
    rule: str
    finding: str
    key: str
    article_id: str
    title: str | None
    url: str | None
    text: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "finding": self.finding,
            "key": self.key,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "text": self.text,
            **self.details,
        }


def _bad(path: str, detail: str) -> DossierError:
    return DossierError(Code.BAD_RULES, path, Stage.COMMAND, detail=detail)


def load_rules(path: str) -> Rules:
    """Read and check a rules file; every fault is an E720 naming the file and the reason."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _bad(path, exc.strerror or str(exc)) from exc
    try:
        data = json.loads(raw) if path.endswith(".json") else tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:  # TOMLDecodeError and JSONDecodeError
        raise _bad(path, f"it cannot be parsed: {exc}") from exc
    if not isinstance(data, dict):
        raise _bad(path, "its top level is not a table")
    unknown = set(data) - {"rule", "alerts"}
    if unknown:
        raise _bad(path, f"unknown top-level key {sorted(unknown)[0]!r} (use [[rule]], [alerts])")
    where = _where(path, data.get("alerts", {}))
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise _bad(path, "it has no [[rule]] tables")
    rules = tuple(_rule(path, n, entry) for n, entry in enumerate(entries, start=1))
    names = [r.name for r in rules]
    twice = next((name for name in names if names.count(name) > 1), None)
    if twice:
        raise _bad(path, f"two rules are named {twice!r}; each alert is remembered by its name")
    for rule in rules:
        for action in rule.actions:
            if action in ("log", "webhook") and not where.get(action):
                raise _bad(
                    path, f"rule {rule.name!r} wants {action!r} but [alerts] has no {action}"
                )
    return Rules(path, rules, where.get("log"), where.get("webhook"))


def _where(path: str, table: object) -> dict[str, str]:
    if not isinstance(table, dict):
        raise _bad(path, "[alerts] is not a table")
    for key, value in table.items():
        if key not in ("log", "webhook") or not isinstance(value, str) or not value.strip():
            raise _bad(path, f"[alerts] {key} is not one of log, webhook with a text value")
    found = dict(table)
    if "webhook" in found and not found["webhook"].startswith(("http://", "https://")):
        raise _bad(path, f"[alerts] webhook {found['webhook']!r} is not an http(s) URL")
    if "log" in found:  # relative to the rules file, so the rules travel with their log
        found["log"] = str(Path(path).parent / found["log"])
    return found


def _rule(path: str, n: int, entry: object) -> Rule:
    if not isinstance(entry, dict):
        raise _bad(path, f"rule {n} is not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _bad(path, f"rule {n} has no name")
    finding = entry.get("finding")
    if finding not in CONDITIONS:
        raise _bad(path, f"rule {name!r}: finding {finding!r} is not one of event, quote, claim")
    allowed = CONDITIONS[finding]
    conditions: list[tuple[str, str | bool]] = []
    for key, value in entry.items():
        if key in _RULE_KEYS:
            continue
        if key not in allowed:
            known = ", ".join(allowed)
            raise _bad(path, f"rule {name!r}: {key!r} is not a condition of a {finding} ({known})")
        kind = allowed[key]
        if not isinstance(value, kind) or (kind is str and not str(value).strip()):
            what = "true or false" if kind is bool else "a non-empty text"
            raise _bad(path, f"rule {name!r}: {key} must be {what}")
        if key == "evidence" and value not in EVIDENCE_TYPES:
            known = ", ".join(EVIDENCE_TYPES)
            raise _bad(path, f"rule {name!r}: evidence {value!r} is not one of {known}")
        conditions.append((key, value if isinstance(value, bool) else str(value)))
    if not conditions:
        raise _bad(path, f"rule {name!r} has no condition, so it would match every {finding}")
    actions = entry.get("actions", ["print"])
    if not isinstance(actions, list) or not actions or any(a not in ACTIONS for a in actions):
        raise _bad(path, f"rule {name!r}: actions must be a list of {', '.join(ACTIONS)}")
    return Rule(name, finding, tuple(conditions), tuple(dict.fromkeys(actions)))


def has_words(value: str | None, words: str) -> bool:
    """Whether ``words`` occur in ``value`` as whole words, ignoring case."""
    if not value:
        return False
    pattern = rf"(?<!\w){re.escape(words.casefold().strip())}(?!\w)"
    return re.search(pattern, value.casefold()) is not None


def _any(values: list[str | None], words: str) -> bool:
    return any(has_words(v, words) for v in values)


def matches(rule: Rule, article: Article) -> Iterator[Alert]:
    """The findings of ``article`` of the rule's kind that meet all its conditions."""
    names = {e.id: e.name for e in article.entities}
    if rule.finding == "event":
        for event in article.events:
            place = article.places[event.place] if event.place is not None else None
            sentence = article.text[event.sentence_start : event.sentence_end]
            facts: dict[str, list[str | None]] = {
                "actor": [
                    event.source,
                    event.target,
                    names.get(event.source_entity_id or ""),
                    names.get(event.target_entity_id or ""),
                ],
                "place": [place.text, place.name, place.admin1] if place else [],
                "type": [event.type],
                "status": [event.status],
                "mentions": [sentence],
            }
            if _meets(rule, facts, {}):
                details = {"type": event.type, "source": event.source, "target": event.target}
                if place:
                    details["place"] = place.name
                yield _alert(rule, article, event.key, sentence, details)
    elif rule.finding == "quote":
        for quote in article.quotes:
            speaker = quote.speaker
            facts = {
                "speaker": [speaker.name, speaker.text, names.get(speaker.entity_id or "")]
                if speaker
                else [],
                "mentions": [quote.text],
            }
            flags = {"anonymous": bool(speaker and speaker.anonymous)}
            if _meets(rule, facts, flags):
                details = {"speaker": speaker.name if speaker else None}
                yield _alert(rule, article, quote.key, quote.text, details)
    else:
        for claim in article.claims:
            facts = {
                "evidence": [claim.evidence.type],
                "source": [claim.evidence.source],
                "mentions": [claim.text],
            }
            if _meets(rule, facts, {}, exact={"evidence"}):
                details = {"evidence": claim.evidence.type, "source": claim.evidence.source}
                yield _alert(rule, article, claim.key, claim.text, details)


def _meets(
    rule: Rule,
    facts: dict[str, list[str | None]],
    flags: dict[str, bool],
    exact: frozenset[str] | set[str] = frozenset(),
) -> bool:
    for key, wanted in rule.conditions:
        if isinstance(wanted, bool):
            if flags.get(key) != wanted:
                return False
        elif key in exact or key in ("type", "status"):
            if not any(v is not None and v.casefold() == wanted.casefold() for v in facts[key]):
                return False
        elif not _any(facts[key], wanted):
            return False
    return True


def _alert(rule: Rule, article: Article, key: str, text: str, details: dict[str, Any]) -> Alert:
    return Alert(
        rule.name,
        rule.finding,
        key or f"{article.id}:{article.version}:{rule.finding}:{text[:80]}",
        article.id,
        article.title,
        article.url,
        " ".join(text.split()),
        details,
    )


Post = Callable[[str, bytes, str], int]


class Alerter:
    """Delivers alerts by each rule's actions; ``first`` says whether an alert is new, so
    that a finding seen again (a re-run, a restart) raises nothing twice."""

    def __init__(self, rules: Rules, first: Callable[[str, str], bool], post: Post) -> None:
        self.rules = rules
        self._first = first
        self._post = post

    def check(self, article: Article) -> tuple[list[Alert], list[DossierError]]:
        """The alerts raised by ``article`` (those to print), and deliveries that failed."""
        raised: list[Alert] = []
        failed: list[DossierError] = []
        for rule in self.rules.rules:
            for alert in matches(rule, article):
                if not self._first(rule.name, alert.key):
                    continue
                raised.append(alert)
                failed += self._deliver(rule, alert)
        return raised, failed

    def _deliver(self, rule: Rule, alert: Alert) -> list[DossierError]:
        record = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **alert.as_dict()}
        line = json.dumps(record, ensure_ascii=False)
        failed: list[DossierError] = []
        if "log" in rule.actions and self.rules.log:
            try:
                with open(self.rules.log, "a", encoding="utf-8") as stream:
                    stream.write(line + "\n")
            except OSError as exc:
                detail = f"cannot append to the log: {exc.strerror or exc}"
                failed.append(
                    DossierError(Code.ALERT_FAILED, self.rules.log, Stage.COMMAND, detail=detail)
                )
        if "webhook" in rule.actions and self.rules.webhook:
            try:
                self._post(self.rules.webhook, line.encode("utf-8"), "application/json")
            except DossierError as exc:
                failed.append(
                    DossierError(
                        Code.ALERT_FAILED,
                        self.rules.webhook,
                        Stage.FETCH,
                        detail=f"rule {rule.name!r}: {exc.reason} [{exc.code.value}]",
                    )
                )
        return failed
