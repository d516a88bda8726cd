"""Tests of the text detectors (ereputation.detect)."""
