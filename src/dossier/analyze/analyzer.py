"""Batches of documents through each language's spaCy pipeline, one result per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..config import DEFAULT_MODEL
from ..errors import Code, DossierError, Stage
from ..models import Analysis, Extracted
from .homes import Home
from .languages import DEFAULT_LANGUAGE, PIPELINES, LanguagePipeline, pipeline_for
from .nlp import load_model
from .records import analyze_doc

C = TypeVar("C")

HomeOf = Callable[[Extracted, Any], Home | None]  # (document, its context item)


class Analyzer:
    """Runs each language's pipeline over batches with ``nlp.pipe`` and converts the results.

    A document whose language has no pipeline (``languages``) is never parsed: its result
    is an empty ``Analysis`` marked ``analysed=False``. ``model`` is the spaCy package for
    the default language (``DOSSIER_MODEL``); other languages load theirs when first met.
    A batch that fails is retried one document at a time so that a single bad document is
    reported on its own and the rest of the batch is kept.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16) -> None:
        self._models = {DEFAULT_LANGUAGE: model}
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def _nlp(self, pipeline: LanguagePipeline) -> Language:
        return load_model(self._models.get(pipeline.code, pipeline.model))

    def analyze_texts(
        self, texts: Iterable[str], published: str | None = None
    ) -> Iterator[Analysis]:
        """Analyse plain texts with the default pipeline; offsets index into each text."""
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            yield analyze_doc(doc, published)

    def analyze(
        self, items: Iterable[tuple[Extracted, C]], home_of: HomeOf | None = None
    ) -> Iterator[tuple[Extracted, C, Analysis | DossierError]]:
        """Analyse ``(document, context)`` items, yielding each with its result, in order.

        ``home_of(document, context)`` gives a document its outlet's home
        (``homes.Home``); it is asked when the document's result is made, so it
        sees every earlier result the caller has stored.
        """
        batch: list[tuple[Extracted, C]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run(batch, home_of)
                batch = []
        if batch:
            yield from self._run(batch, home_of)

    def _run(
        self, batch: list[tuple[Extracted, C]], home_of: HomeOf | None
    ) -> Iterator[tuple[Extracted, C, Analysis | DossierError]]:
        pipelines = [pipeline_for(ex.language) for ex, _ in batch]
        docs: dict[int, Doc | None] = {}  # batch index -> parsed doc; None: parse alone
        for code in dict.fromkeys(p.code for p in pipelines if p is not None):
            pipeline = PIPELINES[code]
            nlp = self._nlp(pipeline)
            fits = [
                i
                for i, (p, (ex, _)) in enumerate(zip(pipelines, batch, strict=True))
                if p is pipeline and len(ex.text) <= nlp.max_length
            ]
            try:
                parsed = list(
                    nlp.pipe((batch[i][0].text for i in fits), batch_size=self.batch_size)
                )
            except Exception:
                docs.update(dict.fromkeys(fits))
                continue
            docs.update(zip(fits, parsed, strict=True))
        for i, ((ex, ctx), found) in enumerate(zip(batch, pipelines, strict=True)):
            if found is None:
                yield ex, ctx, Analysis(analysed=False)
            elif i not in docs:
                limit = self._nlp(found).max_length
                detail = f"{len(ex.text)} characters, over the {limit} limit"
                yield (
                    ex,
                    ctx,
                    DossierError(Code.ANALYSIS_FAILED, ex.source, Stage.ANALYZE, detail=detail),
                )
            else:
                yield ex, ctx, self._convert(ex, ctx, found, docs[i], home_of)

    def _convert(
        self,
        ex: Extracted,
        ctx: object,
        pipeline: LanguagePipeline,
        doc: Doc | None,
        home_of: HomeOf | None,
    ) -> Analysis | DossierError:
        """The document's analysis; parsed alone when its batch failed (``doc`` None)."""
        try:
            home = home_of(ex, ctx) if home_of is not None and ex.outlet else None
            parsed = doc if doc is not None else self._nlp(pipeline)(ex.text)
            return pipeline.convert(parsed, ex.published, ex.outlet, home)
        except Exception as exc:  # a model failure or a bug on one document must not stop the batch
            return DossierError(Code.ANALYSIS_FAILED, ex.source, Stage.ANALYZE, detail=repr(exc))
