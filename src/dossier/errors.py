"""The catalogue of coded errors.

Every failure a user can see comes from here, so that messages stay
consistent and tests can assert on codes rather than wording.
"""

from __future__ import annotations

from enum import StrEnum

from .models import IngestError


class Stage(StrEnum):
    READ = "read"
    FETCH = "fetch"
    DECODE = "decode"
    PARSE = "parse"
    EXTRACT = "extract"
    ANALYZE = "analyze"
    STORE = "store"
    SERVE = "serve"
    COMMAND = "command"


class Code(StrEnum):
    NOT_FOUND = "E101"
    UNREADABLE = "E102"
    EMPTY = "E103"
    TOO_LARGE = "E104"
    BINARY = "E105"
    UNDECODABLE = "E106"
    UNSUPPORTED = "E107"
    NO_DOCUMENTS = "E108"
    HTTP_STATUS = "E201"
    TIMEOUT = "E202"
    NETWORK = "E203"
    TOO_MANY_REDIRECTS = "E204"
    BAD_URL = "E205"
    PRIVATE_URL = "E206"
    MALFORMED_FEED = "E301"
    MALFORMED_WARC = "E302"
    MALFORMED_FEED_ITEM = "E303"
    NO_MAIN_TEXT = "E401"
    TRUNCATED_HTML = "E402"
    ANALYSIS_FAILED = "E501"
    STORE_FAILED = "E601"
    BAD_DATABASE = "E602"
    NOT_IN_STORE = "E603"
    NO_ENTITY = "E604"
    BAD_SPLIT = "E605"
    NO_STORY = "E606"
    BAD_REQUEST = "E701"
    BAD_OPTION = "E702"
    BAD_SETTING = "E703"
    NEEDS_TOKEN = "E704"
    BAD_TOKEN = "E705"
    NO_ROUTE = "E706"
    SERVER_FAILED = "E707"
    BAD_RULES = "E720"
    ALERT_FAILED = "E721"
    NO_ENGINE = "E730"
    ENGINE_UNREACHABLE = "E731"
    SPOOL_UNWRITABLE = "E732"
    BAD_SPOOL_PART = "E733"


MESSAGES: dict[Code, str] = {
    Code.NOT_FOUND: "no such file or folder",
    Code.UNREADABLE: "cannot be read: {detail}",
    Code.EMPTY: "is empty",
    Code.TOO_LARGE: "is {size} bytes, over the {limit}-byte limit",
    Code.BINARY: "looks binary ({detail}), not text or HTML",
    Code.UNDECODABLE: "cannot be decoded as text: {detail}",
    Code.UNSUPPORTED: "has an unsupported type: {detail}",
    Code.NO_DOCUMENTS: "contains no HTML or text documents",
    Code.HTTP_STATUS: "the server answered HTTP {status}",
    Code.TIMEOUT: "timed out after {seconds} s",
    Code.NETWORK: "could not be fetched: {detail}",
    Code.TOO_MANY_REDIRECTS: "redirected more than {limit} times",
    Code.BAD_URL: "is not a valid http(s) URL",
    Code.PRIVATE_URL: (
        "is refused: {target} resolves to {address}, {kind} address "
        "(DOSSIER_ALLOW_PRIVATE_URLS=1 allows it)"
    ),
    Code.MALFORMED_FEED: "is not a well-formed RSS or Atom feed: {detail}",
    Code.MALFORMED_WARC: "is not a readable WARC file: {detail}",
    Code.MALFORMED_FEED_ITEM: "has a malformed feed item {item}: {detail}",
    Code.NO_MAIN_TEXT: "has no main text to extract",
    Code.TRUNCATED_HTML: "is truncated or broken HTML: {detail}",
    Code.ANALYSIS_FAILED: "failed in analysis: {detail}",
    Code.STORE_FAILED: "could not be stored: {detail}",
    Code.BAD_DATABASE: "cannot open the database: {detail}",
    Code.NOT_IN_STORE: "no article with this ID",
    Code.NO_ENTITY: "no entity with this ID",
    Code.BAD_SPLIT: "is the entity's own name; split off another form",
    Code.NO_STORY: "no story with this ID",
    Code.BAD_REQUEST: "is not a valid request: {detail}",
    Code.BAD_OPTION: "is not a valid value: {detail}",
    Code.BAD_SETTING: "is not a valid setting: {detail}",
    Code.NEEDS_TOKEN: "needs the API token: {detail}",
    Code.BAD_TOKEN: "was refused: {detail}",
    Code.NO_ROUTE: "{detail}",
    Code.SERVER_FAILED: "failed on the server: {detail}",
    Code.BAD_RULES: "is not a valid alert rules file: {detail}",
    Code.ALERT_FAILED: "could not deliver an alert: {detail}",
    Code.NO_ENGINE: "needs the cluster extra, which is not installed: {detail}",
    Code.ENGINE_UNREACHABLE: "is not a reachable Dask scheduler: {detail}",
    Code.SPOOL_UNWRITABLE: "is not a spool folder that can be written: {detail}",
    Code.BAD_SPOOL_PART: "is not a readable spool part: {detail}",
}


class DossierError(Exception):
    """An error with a catalogue code, the input it concerns and the stage."""

    def __init__(self, code: Code, source: str, stage: Stage, **detail: object) -> None:
        self.code = code
        self.source = source
        self.stage = stage
        self.reason = MESSAGES[code].format(**detail)
        super().__init__(f"{source}: {self.reason} [{code.value}, {stage.value}]")

    def as_dict(self) -> dict[str, str]:
        """The one JSON error shape used by the CLI and the API."""
        return {
            "code": self.code.value,
            "source": self.source,
            "stage": self.stage.value,
            "reason": self.reason,
        }


def as_record(error: DossierError, member: str = "") -> IngestError:
    return IngestError(
        source=error.source,
        stage=error.stage.value,
        code=error.code.value,
        reason=error.reason,
        member=member,
    )
