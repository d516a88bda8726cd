"""Detectors over visible text: personal data, risky wording, names and keywords.

Every function here is pure (no network, no clock, no files except `load_lexicon`'s path) and
never raises on hostile text; every value meant for a report comes already masked.

Import what you need from its module; nothing is loaded here, so that reading the lexicon
(`risk_terms`) or matching names (`matching`) does not load the phone number tables:

- `normalise`: the one normalisation every detector reads, and the text a report shows;
- `pii`: personal data (`find_pii`, `mask_pii`), `urls`: personal data in URLs;
- `risk_terms`: risky wording from `checklists/risk_terms.toml`; `excerpt`: masked excerpts;
- `matching`: keywords, names, headlines; `masking`: the maskers;
- `synonyms`: role names and keywords across French and English, and inclusive writing.
"""
