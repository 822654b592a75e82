"""The spool's codec gives back exactly the records it was given."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import types
import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.analysis_codec import decode, dumps, encode, loads
from dossier.analyze import Analyzer
from dossier.analyze.homes import Home
from dossier.models import Analysis, Event, Extracted, IngestError

PLAIN: dict[Any, st.SearchStrategy[Any]] = {
    str: st.text(max_size=12),
    int: st.integers(),
    bool: st.booleans(),
    # NaN is left out only because it equals nothing, itself included; infinities stay.
    float: st.floats(allow_nan=False),
}


def _values(kind: Any) -> st.SearchStrategy[Any]:
    """Any value of ``kind`` (a record of ``models`` or a field's type), every field of a
    record drawn, those that take no part in equality included."""
    if kind in PLAIN:
        return PLAIN[kind]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = {f.name: _values(hints[f.name]) for f in dataclasses.fields(kind)}
        return st.builds(kind, **fields)
    args = typing.get_args(kind)
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        return st.one_of(*(st.none() if a is type(None) else _values(a) for a in args))
    if typing.get_origin(kind) is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(_values(args[0]), max_size=2).map(tuple)
        return st.tuples(*(_values(a) for a in args))
    raise TypeError(kind)


SLOW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@SLOW
@given(_values(Analysis))
def test_an_analysis_comes_back_equal_with_every_field(analysis: Analysis) -> None:
    back = loads(Analysis, dumps(analysis))
    assert back == analysis
    # key and review take no part in ==: the encoding shows they came back too.
    assert encode(back) == encode(analysis)


@SLOW
@given(_values(Extracted), _values(IngestError))
def test_a_document_and_an_error_come_back_equal(extracted: Extracted, error: IngestError) -> None:
    assert loads(Extracted, dumps(extracted)) == extracted
    assert loads(IngestError, dumps(error)) == error


def test_a_real_analysis_comes_back_equal() -> None:
    text = (
        "Mayor Clara Ruiz of Port Alden said on Monday that the city would spend 4 million "
        'dollars on the harbour wall. "We have waited long enough," Ruiz told reporters. '
        "Police arrested two men in Quito on Tuesday after a protest, officials said."
    )
    [analysis] = Analyzer().analyze_texts([text])
    assert isinstance(analysis, Analysis)
    found = (analysis.entities, analysis.quotes, analysis.claims, analysis.places)
    assert all(found) and analysis.figures and analysis.dates and analysis.regions
    assert analysis.events
    back = loads(Analysis, dumps(analysis))
    assert back == analysis and encode(back) == encode(analysis)
    assert isinstance(back.events[0], Event) and isinstance(back.regions[0], tuple)


def test_an_int_given_for_a_float_reads_as_a_float() -> None:
    data = encode(Analysis())
    assert decode(float, 2) == 2.0 and isinstance(decode(float, 2), float)
    assert decode(Analysis, data) == Analysis()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "not JSON"),
        ('{"entities": 3}', "a tuple must be a list"),
        ('{"nonsense": []}', "not a Analysis"),
        ('{"analysed": "yes"}', "expected bool"),
    ],
)
def test_what_is_not_an_analysis_is_a_value_error(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        loads(Analysis, text)


def test_equal_homes_encode_equally_whatever_their_order() -> None:
    one = Home(3, {("US", "Texas"): 0.5, ("US", None): 0.75})
    other = Home(3, {("US", None): 0.75, ("US", "Texas"): 0.5})
    assert encode(one) == encode(other)
    assert encode(one) != encode(Home(3, {("US", None): 0.75}))


def test_the_codec_and_the_spool_load_no_model() -> None:
    code = (
        "import sys, dossier.analysis_codec, dossier.spool\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'dossier.analyze'}))\n"
        "print('dossier.analyze' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "False"], done.stdout
