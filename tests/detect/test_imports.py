"""What importing a detector loads: no cycle, and no phone tables for the lexicon or names."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running `statement`."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "module",
    ["ereputation.detect.risk_terms", "ereputation.detect.matching", "ereputation.detect"],
)
def test_lexicon_and_name_matching_do_not_load_phonenumbers(module: str) -> None:
    assert "phonenumbers" not in loaded_after(f"import {module}")


def test_phonenumbers_is_loaded_when_a_phone_is_searched() -> None:
    statement = "from ereputation.detect.pii import find_pii; find_pii('06 12 34 56 78')"
    assert "phonenumbers" in loaded_after(statement)


def test_maskers_do_not_import_the_detectors() -> None:
    loaded = loaded_after("import ereputation.detect.masking")
    assert "ereputation.detect.pii" not in loaded
    assert "ereputation.detect.excerpt" not in loaded


def test_the_trades_data_loads_the_synonyms_without_the_detectors() -> None:
    loaded = loaded_after("import ereputation.trades")
    assert "ereputation.detect.synonyms" in loaded
    assert not {"phonenumbers", "ereputation.detect.pii", "ereputation.detect.risk_terms"} & loaded
