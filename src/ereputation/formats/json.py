"""The JSON result: AuditResult's faithful, versioned serialisation (docs/result.schema.json)."""

from __future__ import annotations

import json

from ereputation.formats import TextualFormatter
from ereputation.model import AuditResult, to_json


class JsonFormatter(TextualFormatter):
    def render(self, result: AuditResult) -> str:
        return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


FORMATTER = JsonFormatter()
