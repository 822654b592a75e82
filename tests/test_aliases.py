"""Known aliases: a sourced table, matched on the exact form and in its own language."""

from __future__ import annotations

import pytest

from dossier.keys import entity_id
from dossier.models import ENTITY_TYPES, Analysis, Entity, Extracted, Mention, Quote, Speaker
from dossier.store import SqlStore
from dossier.store.resolve import KnownAlias, known_aliases, parse_aliases


def _save(store: SqlStore, text: str, form: str, language: str | None, source: str) -> str:
    """Store ``text`` with one ORG entity at ``form``, as a model might tag it, and
    return the corpus name that entity got."""
    start = text.index(form)
    entity = Entity(
        entity_id(form, "ORG"), form, "ORG", (Mention(start, start + len(form), form, "ORG"),)
    )
    doc = Extracted(source=source, text=text, raw_hash=source, language=language)
    result = store.save(doc, Analysis(entities=(entity,)))
    article = store.article(result.article_id)
    assert article is not None
    [stored] = article.entities
    return stored.name


def test_un_in_english_is_the_united_nations(store: SqlStore) -> None:
    name = _save(store, "The UN sent observers to the border.", "UN", "en", "a.txt")
    assert name == "United Nations"
    gb = _save(store, "The UN said it would send more.", "UN", "en-GB", "b.txt")
    assert gb == "United Nations", "a regional tag is still English"


def test_un_in_a_spanish_sentence_is_never_the_united_nations(store: SqlStore) -> None:
    # English articles first, so that the corpus already knows the United Nations.
    _save(store, "The UN sent observers to the border.", "UN", "en", "a.txt")
    spanish = "Un portavoz del ministerio confirmó la visita del lunes."
    assert _save(store, spanish, "Un", "es", "b.txt") == "Un"
    shouted = "UN PORTAVOZ CONFIRMÓ LA VISITA DEL LUNES."
    # Capitals in Spanish are still the word: it joins the earlier Spanish article's "Un".
    assert _save(store, shouted, "UN", "es", "c.txt") == "Un", "language decides"
    un = next(e for e in store.entities() if e.name == "United Nations")
    assert un.articles == 1
    assert "un" not in store.aliases(un.id), "a folded 'un' would match the Spanish word"


def test_the_form_must_match_exactly(store: SqlStore) -> None:
    assert _save(store, "Un said the vote was fair.", "Un", "en", "a.txt") == "Un"
    assert _save(store, "Us Weekly ran the story first.", "Us", "en", "b.txt") == "Us"
    assert _save(store, "US officials arrived on Monday.", "US", "en", "c.txt") == "United States"


def test_no_alias_without_a_known_language(store: SqlStore) -> None:
    assert _save(store, "The UN sent observers.", "UN", None, "a.txt") == "UN"


def test_the_packaged_table_is_sourced_and_well_formed() -> None:
    table = known_aliases()
    assert table, "the packaged table has rows"
    for (form, language), alias in table.items():
        assert isinstance(alias, KnownAlias) and alias.form == form
        assert alias.language == language and alias.type in ENTITY_TYPES
        assert len(alias.source) > 10, f"{form}: every row says where it comes from"
    assert ("UN", "en") in table and ("Un", "en") not in table


def test_a_malformed_table_is_refused_with_its_line() -> None:
    header = "form\tlanguage\tname\ttype\tsource\n"
    assert parse_aliases(header + "# a note\nUN\ten\tUnited Nations\tORG\tits own usage\n")
    with pytest.raises(ValueError, match=r"x\.tsv:2: needs 5"):
        parse_aliases(header + "UN\ten\tUnited Nations\tORG\n", "x.tsv")
    with pytest.raises(ValueError, match=r"x\.tsv:2: type 'GROUP' is not an entity type"):
        parse_aliases(header + "UN\ten\tUnited Nations\tGROUP\tits own usage\n", "x.tsv")
    with pytest.raises(ValueError, match=r"x\.tsv:2: language 'e-n' is not a language code"):
        parse_aliases(header + "UN\te-n\tUnited Nations\tORG\tits own usage\n", "x.tsv")
    with pytest.raises(ValueError, match="listed twice"):
        parse_aliases(header + "UN\ten\tA\tORG\ts one\nUN\ten\tB\tORG\ts two\n")
    with pytest.raises(ValueError, match="header"):
        parse_aliases("UN\ten\tUnited Nations\tORG\tits own usage\n")


def test_filters_find_an_entity_by_its_known_alias(store: SqlStore) -> None:
    # The folded form "us" is never registered (it would match the pronoun), so the
    # filter must read the table itself to know that "US" is the United States.
    text = "U.S. officials said the talks would resume."
    form = "U.S."
    eid = entity_id(form, "GPE")
    entity = Entity(eid, form, "GPE", (Mention(0, len(form), form, "GPE"),))
    said = text.index("the talks")
    speaker = Speaker(form, start=0, end=len(form), text=form, entity_id=eid)
    quote = Quote(said, len(text) - 1, text[said:-1], "indirect", None, speaker)
    doc = Extracted(source="a.txt", text=text, raw_hash="a", language="en")
    store.save(doc, Analysis(entities=(entity,), quotes=(quote,)))
    [hit] = store.quotes(speaker="US")
    assert hit.quote.speaker is not None and hit.quote.speaker.name == "United States"
    assert store.quotes(speaker="Us") == [], "the table's forms are exact"


def _save_typed(store: SqlStore, text: str, form: str, type_: str, language: str) -> str:
    start = text.index(form)
    mention = Mention(start, start + len(form), form, type_)
    entity = Entity(entity_id(form, type_), form, type_, (mention,))
    doc = Extracted(source=f"{language}-{form}.txt", text=text, raw_hash=text, language=language)
    result = store.save(doc, Analysis(entities=(entity,)))
    article = store.article(result.article_id)
    assert article is not None
    [stored] = article.entities
    return stored.id


def test_a_country_named_in_spanish_is_the_one_english_names(store: SqlStore) -> None:
    english = _save_typed(
        store, "Officials flew to the United States.", "United States", "GPE", "en"
    )
    spanish = _save_typed(
        store, "Los ministros viajaron a Estados Unidos.", "Estados Unidos", "GPE", "es"
    )
    assert spanish == english
    germany = _save_typed(store, "La delegación llegó a Alemania.", "Alemania", "GPE", "es")
    assert germany == entity_id("Germany", "GPE")


def test_an_institution_named_in_spanish_is_the_one_english_names(store: SqlStore) -> None:
    english = _save_typed(
        store, "The National Police raided two houses.", "National Police", "ORG", "en"
    )
    spanish = _save_typed(
        store, "La Policía Nacional allanó dos casas.", "Policía Nacional", "ORG", "es"
    )
    assert spanish == english
