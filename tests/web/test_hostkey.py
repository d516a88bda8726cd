"""One key per host however a URL spells it, so that host locks and queues cannot be dodged."""

from __future__ import annotations

import pytest

from ereputation.web.hops import check_url
from ereputation.web.hostkey import host_key


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("127.0.0.2", "127.0.0.2"),
        ("127.2", "127.0.0.2"),
        ("0x7f.0.0.2", "127.0.0.2"),
        ("2130706434", "127.0.0.2"),
        ("0177.0.0.02", "127.0.0.2"),
        ("Example.COM.", "example.com"),
        ("ｅｘａｍｐｌｅ.com", "example.com"),
        ("[::FFFF:7f00:2]", "::ffff:7f00:2"),
        ("café.fr", "xn--caf-dma.fr"),
        ("1.2.3.4.5", "1.2.3.4.5"),  # not an address: a name, kept
        ("deadbeef", "deadbeef"),
    ],
)
def test_host_key(spelling: str, key: str) -> None:
    assert host_key(spelling) == key


def test_the_fetcher_locks_on_the_key() -> None:
    assert check_url("http://0x7f.0.0.2:8080/a")[1] == check_url("http://127.0.0.2:8080/b")[1]
