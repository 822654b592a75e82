"""PLOVER modes read off the words of an event's clause, for the types whose trigger
names none ("the attack" is ASSAULT; "gunfire" in its clause makes it firearms)."""

from __future__ import annotations

# Modes read off the words of the event's clause, by type.
_MODE_WORDS = """
ASSAULT firearms: gun rifle gunfire gunman bullet pistol sniper shoot shot
ASSAULT explosives: bomb explosive grenade ied landmine mine blast explosion
ASSAULT heavy-weapons: artillery tank mortar rocket shell missile howitzer
ASSAULT aerial: airstrike aircraft warplane jet bomber drone helicopter plane
ASSAULT primitive: knife machete stone rock axe arson
ASSAULT cbrn: chemical nuclear biological radiological sarin nerve
AID economic: loan grant money fund funding credit financial economic dollar
AID military: weapon arm ammunition military troop equipment training
AID humanitarian: food medicine humanitarian relief shelter tent water blanket
AID asylum: asylum refuge
REQUEST assist: help aid assistance support cooperation investment weapon troop
REQUEST change: reform change resign resignation removal election policy designate
REQUEST yield: release withdraw withdrawal ceasefire lift end stop free halt
REQUEST meet: talk meeting meet negotiate negotiation dialogue summit
PROTEST strike-hun: hunger
PROTEST strike-gen: general
PROTEST obstruct: block blockade barricade obstruct roadblock
MOBILIZE police: police gendarme riot
MOBILIZE weapons: missile weapon nuclear warhead
"""
MODE_WORDS: dict[str, dict[str, str]] = {}
for _line in _MODE_WORDS.strip().splitlines():
    _head, _, _words = _line.partition(":")
    _type, _mode = _head.split()
    MODE_WORDS.setdefault(_type, {}).update(dict.fromkeys(_words.split(), _mode))
MODE_WORDS["REJECT"] = MODE_WORDS["REQUEST"]
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
