"""Which addresses count as public: the fetcher connects to no other kind by default."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ereputation.web.netpolicy import address_refusal, is_public_address


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("8.8.8.8", None),
        ("1.1.1.1", None),
        ("100.63.255.255", None),
        ("100.128.0.1", None),
        ("2606:4700:4700::1111", None),
        ("2a00:1450:4007:80c::200e", None),
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata services live here
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.255", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "reserved"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.1", "reserved"),
        ("198.18.0.1", "reserved"),
        ("::", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "reserved"),
        ("::127.0.0.1", "reserved"),  # deprecated IPv4-compatible form
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("64:ff9b::808:808", None),  # NAT64 of 8.8.8.8
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::1", "link-local"),  # 6to4 of 169.254.169.254
        ("4000::1", "reserved"),  # outside 2000::/3
    ],
)
def test_address_classification(address: str, label: str | None) -> None:
    assert address_refusal(ip_address(address)) == label
    assert is_public_address(address) is (label is None)
    assert is_public_address(ip_address(address)) is (label is None)


def test_a_scoped_link_local_address_is_not_public() -> None:
    assert is_public_address("fe80::1%eth0") is False


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_ipv6_wrappers_of_an_ipv4_address_are_judged_like_it(value: int) -> None:
    v4 = IPv4Address(value)
    mapped = IPv6Address((0xFFFF << 32) | value)
    nat64 = IPv6Address((0x64FF9B << 96) | value)
    assert address_refusal(mapped) == address_refusal(v4)
    assert address_refusal(nat64) == address_refusal(v4)


GLOBAL_UNICAST_V6 = st.integers(0x2000 << 112, (0x4000 << 112) - 1)  # 2000::/3


@given(st.integers(0, 2**32 - 1) | GLOBAL_UNICAST_V6 | st.integers(2**32, 2**128 - 1))
def test_what_we_call_public_no_python_release_calls_special(value: int) -> None:
    """A cross-check of the table against the standard library's own flags."""
    ip = IPv4Address(value) if value < 2**32 else IPv6Address(value)
    if is_public_address(ip):
        flags = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_multicast)
        assert not any(flags) and not ip.is_reserved and not ip.is_unspecified
