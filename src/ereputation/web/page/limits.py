"""Work caps: an absurd page costs no more than a large ordinary one.

Every step that reads a page stops at its cap, and a step stopped early makes the page "read in
part" (`PageFacts.markup_truncated`): the checks then claim no absence. The figures behind the
caps are in `benchmarks/bench_extract.py` and docs/profile-checks.md.
"""

from __future__ import annotations

# Parsing. html.parser and BeautifulSoup cost about 10 µs and 1 kB per tag, whatever the page
# says: so the markup is cut at a number of tags as well as a number of characters.
MAX_PARSE_CHARS = 1_000_000
MAX_TAGS = 30_000  # start and end tags, comments and declarations counted alike
MAX_DECODE_BYTES = 4 * MAX_PARSE_CHARS  # enough bytes for MAX_PARSE_CHARS characters
MAX_PRESCAN_BYTES = 4_096  # where <meta charset> is looked for
MAX_ATTRIBUTES = 1_000  # of one tag; ordinary tags have a handful
# Walks. Every walk is iterative (no recursion, whatever the depth) and counts the nodes it visits.
MAX_INDEX_NODES = 2 * MAX_TAGS  # the one walk that lists elements by name
MAX_TEXT_NODES = 100_000  # the visible text walk (tags, strings and line breaks)
MAX_FIELD_NODES = 100  # the text of one element (a title, a <time>, a card's name)
# Elements kept by kind.
MAX_LINKS = 2_000
MAX_METAS = 2_000
MAX_IMAGES = 10_000
MAX_INPUTS = 2_000
MAX_FORMS = 200
MAX_FORM_INPUTS = 50  # inputs of one form looked at for a user name field
MAX_JSONLD_SCRIPTS = 20
MAX_JSONLD_CHARS = 200_000
MAX_JSONLD_NODES = 500
MAX_HCARDS = 20
MAX_HCARD_NODES = 2_000
MAX_DATES = 100
MAX_TIME_ELEMENTS = 500
# Values.
MAX_URL_CHARS = 2_048
MAX_FIELD_CHARS = 2_000
MAX_SHORT_CHARS = 300
MAX_SAME_AS = 50
MAX_CONTACTS = 20
MAX_HINT_SCAN_CHARS = 500_000
