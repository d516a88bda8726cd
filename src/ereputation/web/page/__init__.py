"""Reading one page, step by step: each module does one job of `ereputation.web.extract`.

`encodings` (bytes to text), `tree` (parsing and the one bounded walk), `metadata` (title, metas,
links in the head), `jsonld`, `hcard`, `links` (links, contacts, images), `forms` (login forms and
anti-bot widgets), `text` (visible text), `dates`. Every step works within the caps of `limits`.
"""
