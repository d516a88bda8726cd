"""The JSON result: AuditResult's faithful, versioned serialisation (docs/result.schema.json).

Faithful to what the reports show: every string goes through the one sanitiser (`printable`,
via `sanitise.multi_line`) first, so the JSON holds no escape sequence, control character or bidi
override that a server planted. Line breaks and tabs in multi-line texts (a counsellor's note) are
kept, escaped by JSON; the other formats show the same strings on one line.
"""

from __future__ import annotations

import json

from ereputation.formats import TextualFormatter
from ereputation.formats.sanitise import multi_line, sanitised
from ereputation.model import AuditResult, to_json


class JsonFormatter(TextualFormatter):
    def render(self, result: AuditResult) -> str:
        data = to_json(sanitised(result, multi_line))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATTER = JsonFormatter()
