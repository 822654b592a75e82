"""Which network addresses a fetch may reach, and the resolver that finds them.

A URL comes from the user, from a feed item or from a redirect, so it is hostile
input: unchecked, it could make Dossier read the operator's own network (an admin
page on localhost, a database on 10.x, a cloud metadata service at
169.254.169.254) and store the answer as an article. Only publicly routable
addresses pass unless the operator allows the rest (``allow_private_urls``).

A host is judged by the address it stands for, never by how it is written: C
resolvers read ``2130706433``, ``0x7f.1`` and ``0177.1`` as 127.0.0.1, and an
IPv6 address can carry an IPv4 one inside it (``::ffff:127.0.0.1``).
"""

from __future__ import annotations

import re
import socket
from ipaddress import IPv4Address, IPv6Address, IPv6Network
from urllib.parse import unquote

Address = IPv4Address | IPv6Address

# RFC 6052's well-known NAT64 prefix: a gateway turns these into the IPv4 address in their
# last 32 bits, which may be a private one.
_NAT64 = IPv6Network("64:ff9b::/96")

# One part of an IPv4 number as inet_aton reads it: hex, octal (a leading 0) or decimal.
_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order: the seam tests replace."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def numeric_host(host: str) -> Address | None:
    """The address a host written as a number stands for, else None (it is a name).

    Besides dotted decimal this reads every form inet_aton accepts, which is what the
    system resolver would connect to: one to four parts, each decimal, octal or hex,
    the last filling the remaining bytes (``127.1``, ``0x7f000001``)."""
    if ":" in host:
        try:
            return IPv6Address(unquote(host.strip("[]")))
        except ValueError:
            return None
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_PART.fullmatch(part) for part in parts):
        return None
    *head, last = (_part_value(part) for part in parts)
    if any(value > 0xFF for value in head) or last >= 1 << (8 * (5 - len(parts))):
        return None
    number = last
    for shift, value in zip(range(24, 0, -8), head, strict=False):
        number |= value << shift
    return IPv4Address(number)


def _part_value(part: str) -> int:
    if part[:2] in ("0x", "0X"):
        return int(part[2:] or "0", 16)
    return int(part, 8 if part[0] == "0" else 10)


def embedded_ipv4(address: Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 one reaches: IPv4-mapped, 6to4 or NAT64; else None."""
    if not isinstance(address, IPv6Address):
        return None
    embedded = address.ipv4_mapped or address.sixtofour
    if embedded is None and address in _NAT64:
        embedded = IPv4Address(int(address) & 0xFFFFFFFF)
    return embedded


def refusal(address: Address) -> str | None:
    """Why a fetch may not reach ``address`` (its kind, such as "loopback"), or None."""
    embedded = embedded_ipv4(address)
    if embedded is not None:
        return refusal(embedded)
    kinds = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("site-local", isinstance(address, IPv6Address) and address.is_site_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        # Neither private nor public, such as carrier-grade NAT (100.64.0.0/10).
        ("non-public", not address.is_global),
    )
    return next((kind for kind, applies in kinds if applies), None)
