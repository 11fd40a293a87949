"""spaCy integration: `nlp.add_pipe("claims")` sets `doc._.claims`, a list of claim dicts (the contract's columns).

The factory is registered through the `spacy_factories` entry point, so installing the package is enough.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .claims import extract_claims
from .models import Document

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


class ClaimsComponent:
    """Reads the claims of a spaCy Doc's text; offsets index `doc.text`."""

    def __init__(self, lang: str | None = None, doc_id: str = "text"):
        self.lang = lang
        self.doc_id = doc_id

    def __call__(self, doc: Doc) -> Doc:
        claims = extract_claims(Document(doc_id=self.doc_id, text=doc.text), lang=self.lang)
        doc._.claims = [c.as_dict() for c in claims]
        return doc


@Language.factory("claims", default_config={"lang": None, "doc_id": "text"})
def make_claims_component(nlp: Language, name: str, lang: str | None, doc_id: str) -> ClaimsComponent:
    return ClaimsComponent(lang=lang, doc_id=doc_id)
