"""The PLOVER ontology's types and modes, the rule a lexicon entry gives, and the modes
of threats (which follow the threatened action). The words that signal each type and
mode are per language, in ``resources/languages/<code>/events.toml``."""

from __future__ import annotations

from typing import NamedTuple

_MODE_SPEC = """
AGREE:
CONSULT: visit third-party multilateral phone
SUPPORT:
CONCEDE:
COOPERATE:
AID: economic military humanitarian asylum
RETREAT: withdraw release return disarm ceasefire access resign
REQUEST: assist change yield meet
ACCUSE: disapprove allege investigate
REJECT: assist change yield meet
THREATEN: restrict ban arrest relations expel territory violence
PROTEST: demo riot strike-gen strike-lim strike-hun boycott obstruct
SANCTION: convict cancel expel withdraw sever
MOBILIZE: troops weapons police
COERCE: confiscate seize restrict ban censor curfew martial-law arrest deport withhold
ASSAULT: abduct beat torture execute sexual assassinate destroy primitive firearms explosives
ASSAULT: suicide-attack heavy-weapons aerial cbrn
"""
MODES: dict[str, tuple[str, ...]] = {}
for _line in _MODE_SPEC.strip().splitlines():
    _type, _, _modes = _line.partition(":")
    MODES[_type] = MODES.get(_type, ()) + tuple(_modes.split())
TYPES = tuple(MODES)


class Rule(NamedTuple):
    type: str
    mode: str | None
    weight: float


# THREATEN's mode follows the threatened action: its mode, else its type.
THREAT_MODES = {
    "arrest": "arrest",
    "ban": "ban",
    "expel": "expel",
    "deport": "expel",
    "seize": "territory",
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "PROTEST": "restrict",
    "COERCE": "restrict",
}
