"""One name per host, however a URL spells it: the key of "one request at a time per host".

A hostile catalogue or page can spell one server many ways (`127.0.0.2`, `127.2`, `0x7f.0.0.2`,
`2130706434`, `EXAMPLE.com.`, full-width letters): the resolver reaches the same address for
all of them, so host locks and host queues must see one key, or that server gets several
requests at once. Names that point at one address through DNS stay distinct (virtual hosts).
Import-light on purpose: the catalogue uses it without loading the fetcher.
"""

from __future__ import annotations

import re
import socket
from ipaddress import IPv6Address, ip_address

# The forms the C resolver reads as an IPv4 address (inet_aton): 1 to 4 parts, each decimal,
# octal (leading 0) or hexadecimal (0x).
_NUMERIC_V4 = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}")


def host_key(host: str) -> str:
    """The host as the resolver will read it: lowercase, no final dot, IDNA-mapped names,
    IPv4 and IPv6 literals in their canonical form."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if _NUMERIC_V4.fullmatch(name):
        try:
            return socket.inet_ntoa(socket.inet_aton(name))
        except OSError:
            return name
    try:
        literal = ip_address(name)
    except ValueError:
        literal = None
    if isinstance(literal, IPv6Address):
        return literal.compressed
    if literal is not None:
        return str(literal)
    if name.isascii():
        return name
    try:  # full-width and other compatibility forms map to the ASCII name they stand for
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name
