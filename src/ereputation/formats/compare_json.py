"""The comparison as JSON (docs/compare.schema.json), every string through the one sanitiser."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

from ereputation.compare import Comparison, comparison_json
from ereputation.formats.compare_view import CompareFormatter
from ereputation.formats.sanitise import multi_line, sanitised


class CompareJsonFormatter(CompareFormatter):
    def render(self, comparison: Comparison) -> str:
        clean = cast(Callable[[Any, Callable[[str], str]], Comparison], sanitised)
        data = comparison_json(clean(comparison, multi_line))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATTER = CompareJsonFormatter()
