"""The contract's Quote and Claim, with the additions this layer makes (the contract allows them).

``source_kind`` says what kind of source spoke (person, organisation, media, anonymous, analysts,
reports, impersonal); ``via_text`` keeps the relaying source's words when no entity matches it;
a claim names the quote it comes from and carries its closest fact-checks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Claim, Quote

SOURCE_KINDS = ("person", "organisation", "media", "anonymous", "analysts", "reports", "impersonal")


@dataclass
class AttributedQuote(Quote):
    source_kind: str | None = None
    via_text: str | None = None


@dataclass
class AttributedClaim(Claim):
    quote: str | None = None  # id of the quote the claim was read from
    by_text: str | None = None
    factchecks: list[dict] = field(default_factory=list)
