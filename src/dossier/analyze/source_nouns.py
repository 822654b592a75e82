"""The nouns that tell what kind of source a phrase is.

People ("an official", "residents"), institutions and the press ("the
ministry", "a local newspaper"), offices that stand for an institution ("the
ombudsman"), and documents ("a memo"). ``agent_noun`` catches the many people
nouns no list holds: commissioner, strategist, resident.
"""

from __future__ import annotations

from spacy.tokens import Token

PERSON_NOUNS = frozenset(
    """official officials source sources diplomat diplomats aide aides officer officers person
    people spokesman spokeswoman spokesperson adviser advisor advisers advisors analyst
    analysts resident residents witness witnesses insider insiders expert experts lawmaker
    lawmakers commander commanders minister ministers president governor mayor senator
    representative envoy ambassador negotiator negotiators investigator investigators
    prosecutor prosecutors agent agents soldier soldiers member members leader leaders
    executive executives worker workers employee employees staffer staffers someone
    colleague colleagues partner partners director chief head secretary general captain
    colonel admiral contractor contractors relative relatives lawyer lawyers attorney
    attorneys reader readers fisherman fishermen guard guards inmate inmates prisoner
    prisoners family families mother father neighbor neighbors neighbour neighbours farmer
    farmers driver drivers engineer engineers doctor doctors nurse nurses teacher teachers
    student students activist activists journalist journalists reporter reporters critic
    critics supporter supporters opponent opponents veteran veterans victim victims survivor
    survivors owner owners shopkeeper shopkeepers businessman businessmen trader traders
    merchant merchants pilot pilots legislator legislators deputy deputies congressman
    congresswoman councilman judge judges citizen citizens voter voters protester protesters
    demonstrator demonstrators man men woman women rebel rebels troop troops gunman gunmen
    militia militiamen friend friends son sons daughter daughters sister sisters brother
    brothers wife husband widow widower refugee refugees""".split()
)
# Abbreviated titles and the role noun a later mention uses ("Sen. Ana Vela" …
# "the senator said").
ROLE_ABBREVIATIONS = {
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "gen.": "general",
    "col.": "colonel",
    "capt.": "captain",
    "sgt.": "sergeant",
    "adm.": "admiral",
    "lt.": "lieutenant",
    "amb.": "ambassador",
    "atty.": "attorney",
    "prof.": "professor",
    "supt.": "superintendent",
}
# What the article itself shows of a person's gender, so that "she" never goes
# to a man: courtesy titles before a name ("Mr Holm") and gendered role nouns
# in apposition or as titles ("Vera Novak, the mother of…"). English words; a
# second language brings its own lists.
FEMININE_TITLES = frozenset("mrs mrs. ms ms. miss madam madame lady dame".split())
MASCULINE_TITLES = frozenset("mr mr. sir lord".split())
FEMININE_NOUNS = frozenset(
    """mother wife daughter sister woman girl grandmother aunt niece widow spokeswoman
    chairwoman businesswoman congresswoman actress queen princess mum mom girlfriend
    stepmother granddaughter""".split()
)
MASCULINE_NOUNS = frozenset(
    """father husband son brother man boy grandfather uncle nephew widower spokesman
    chairman businessman congressman actor king prince dad boyfriend stepfather
    grandson""".split()
)
INSTITUTION_NOUNS = frozenset(
    """ministry government police army navy military court office agency embassy department
    council commission committee company firm group authority authorities prosecutor's
    presidency administration party campaign bank union organization organisation newspaper
    network command headquarters forces""".split()
) | frozenset(
    # The press speaks as an organisation: "a local newspaper reported", "the outlet said".
    """newspaper newspapers paper papers outlet outlets daily broadcaster broadcasters
    station channel magazine tabloid website media press wire agency agencies
    service""".split()
)
# Offices that stand for an institution rather than a person holding them: "the
# ombudsman said" is the ombudsman's office speaking.
OFFICE_NOUNS = frozenset("ombudsman ombudsperson ombudsmen ombudsoffice comptroller".split())
DOCUMENT_NOUNS = frozenset(
    """document documents memo memorandum report reports records record file files plan plans
    rendering renderings contract contracts letter letters email emails cable cables filing
    filings statement statements study survey data figures minutes transcript draft budget
    invoice invoices presentation slide slides poll polls census""".split()
)


_AGENT_SUFFIXES = (
    "er",
    "ers",
    "or",
    "ors",
    "ist",
    "ists",
    "ian",
    "ians",
    "man",
    "men",
    "woman",
    "women",
    "ant",
    "ants",
    "ent",
    "ents",
)
_NOT_AGENTS = frozenset(
    """order orders paper papers number numbers water letter letters matter center centre
    government document documents statement statements report reports department parliament
    agreement agreements development management movement element elements error errors
    newspaper newspapers""".split()
)


def agent_noun(token: Token) -> bool:
    """Common nouns for people are mostly agent nouns: commissioner, strategist, resident."""
    word = token.lower_
    return (
        token.pos_ == "NOUN"
        and word not in _NOT_AGENTS
        and token.lemma_.lower() not in _NOT_AGENTS
        and word.endswith(_AGENT_SUFFIXES)
    )
