"""Which IP addresses the fetcher may connect to.

A profile URL is hostile input: it (or a redirect it leads to) may point at the auditor's own
machine, router or cloud metadata service. Only globally routable unicast addresses are public.
The special ranges come from the IANA special-purpose address registries; they are spelled out
here rather than taken from ``ipaddress.is_global``, whose answers changed between Python releases.
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

IPAddress = IPv4Address | IPv6Address
AddressPolicy = Callable[[IPAddress], bool]

# (network, label): the label completes "… is a <label> address".
_V4_SPECIAL: tuple[tuple[IPv4Network, str], ...] = tuple(
    (IPv4Network(net), label)
    for net, label in (
        ("0.0.0.0/32", "unspecified"),
        ("0.0.0.0/8", "reserved"),  # "this network"
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved"),  # IETF protocol assignments
        ("192.0.2.0/24", "reserved"),  # documentation
        ("192.88.99.0/24", "reserved"),  # retired 6to4 relay anycast
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "reserved"),  # benchmarking
        ("198.51.100.0/24", "reserved"),  # documentation
        ("203.0.113.0/24", "reserved"),  # documentation
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),  # includes the broadcast address
    )
)

_V6_SPECIAL: tuple[tuple[IPv6Network, str], ...] = tuple(
    (IPv6Network(net), label)
    for net, label in (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("64:ff9b:1::/48", "private"),  # local-use NAT64
        ("100::/64", "reserved"),  # discard-only
        ("2001::/23", "reserved"),  # IETF protocol assignments, Teredo included
        ("2001:db8::/32", "reserved"),  # documentation
        ("3fff::/20", "reserved"),  # documentation
        ("fc00::/7", "private"),  # unique local
        ("fe80::/10", "link-local"),
        ("fec0::/10", "private"),  # deprecated site-local
        ("ff00::/8", "multicast"),
    )
)

# Ports of other protocols, which an HTTP request with a body chosen by someone else could
# speak to (mail, FTP, IRC...): the Fetch standard's "bad ports", which browsers refuse, and the
# text protocols of Redis and memcached. Only a site catalogue's URLs are checked against them.
BLOCKED_PORTS = frozenset(
    {
        0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
        101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
        389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
        636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000,
        6379, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 11211,
    }
)  # fmt: skip

# IPv6 prefixes that carry an IPv4 address: judged by the IPv4 address they lead to.
_NAT64 = IPv6Network("64:ff9b::/96")
_GLOBAL_UNICAST = IPv6Network("2000::/3")


def _embedded_v4(ip: IPv6Address) -> IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_refusal(ip: IPAddress) -> str | None:
    """Why `ip` is not public ("loopback", "private", ...), or None when it is public."""
    if isinstance(ip, IPv4Address):
        for net, label in _V4_SPECIAL:
            if ip in net:
                return label
        return None
    inner = _embedded_v4(ip)
    if inner is not None:
        return address_refusal(inner)
    for net6, label in _V6_SPECIAL:
        if ip in net6:
            return label
    # Everything outside 2000::/3 is unallocated or special (::/8 holds IPv4-compatible forms).
    return None if ip in _GLOBAL_UNICAST else "reserved"


def is_public_address(ip: IPAddress | str) -> bool:
    """True for a globally routable unicast address, the only kind a recruiter could reach."""
    parsed = ip_address(ip) if isinstance(ip, str) else ip
    return address_refusal(parsed) is None
