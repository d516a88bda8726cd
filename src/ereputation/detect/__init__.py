"""Detectors over visible text: personal data, risky wording, names and keywords.

Every function here is pure (no network, no clock, no files except `load_lexicon`'s path) and
never raises on hostile text; every value meant for a report comes already masked.
"""

from ereputation.detect.masking import (
    mask_address,
    mask_birthdate,
    mask_email,
    mask_excerpt,
    mask_phone,
    mask_term,
)
from ereputation.detect.matching import (
    NameMatch,
    contains_phrase,
    headline_matches,
    match_keywords,
    name_matches,
    normalize,
)
from ereputation.detect.pii import PiiKind, PiiMatch, find_pii
from ereputation.detect.risk_terms import (
    Category,
    Lexicon,
    LexiconError,
    RiskMatch,
    Severity,
    Term,
    find_risk_terms,
    load_lexicon,
    parse_lexicon,
)

__all__ = [
    "Category",
    "Lexicon",
    "LexiconError",
    "NameMatch",
    "PiiKind",
    "PiiMatch",
    "RiskMatch",
    "Severity",
    "Term",
    "contains_phrase",
    "find_pii",
    "find_risk_terms",
    "headline_matches",
    "load_lexicon",
    "mask_address",
    "mask_birthdate",
    "mask_email",
    "mask_excerpt",
    "mask_phone",
    "mask_term",
    "match_keywords",
    "name_matches",
    "normalize",
    "parse_lexicon",
]
