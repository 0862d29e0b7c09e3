"""Which address a request comes from, for the wrong-password throttle.

Behind a reverse proxy (a Hugging Face Space's, or one of your own) every visitor's connection
comes from the proxy, so counting by the connection's address would let one visitor's flood lock
everyone out. The proxy appends the address it saw to ``X-Forwarded-For``; the right-most entry
that is not itself a trusted proxy is the client. Anything left of that was written by the client
and is never believed, and the header is ignored altogether unless the connection itself comes
from a trusted proxy: otherwise anyone could choose their own address and dodge the lock-out.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

ANY_PEER = "*"  # the app is reachable only through the proxy: whoever connects is the proxy
# A Space is reached only through Hugging Face's proxy, whose own hops use private addresses.
SPACE_PROXIES = (ANY_PEER, "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                 "100.64.0.0/10", "fc00::/7")


def parse_proxies(text: str) -> tuple[str, ...]:
    """``--trusted-proxies`` as written (commas or spaces): addresses, networks, or ``*``; each checked."""
    items = tuple(part for part in text.replace(",", " ").split() if part)
    for item in items:
        if item != ANY_PEER:
            ipaddress.ip_network(item, strict=False)  # ValueError names the bad one
    return items


@dataclass(frozen=True)
class ProxyTrust:
    networks: tuple[Network, ...] = ()
    any_peer: bool = False

    @classmethod
    def of(cls, items: Iterable[str]) -> "ProxyTrust":
        items = tuple(items)
        return cls(networks=tuple(ipaddress.ip_network(i, strict=False) for i in items if i != ANY_PEER),
                   any_peer=ANY_PEER in items)

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self.networks)

    def client(self, peer: str, forwarded_for: Iterable[str]) -> str:
        """The client's address: ``peer`` (the connection's) unless it is a trusted proxy; then the
        right-most ``X-Forwarded-For`` entry (all header lines, in order) that is not one."""
        if not (self.any_peer or self._trusted(peer)):
            return peer
        hops = [h.strip() for line in forwarded_for for h in line.split(",") if h.strip()]
        for hop in reversed(hops):
            if not self._trusted(hop):
                return _plain(hop)
        return _plain(hops[0]) if hops else peer


def _plain(hop: str) -> str:
    """An address as one key, whatever the proxy wrote: no port, no brackets, checked."""
    text = hop.strip('"')
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text[:64]  # not an address (a proxy's "unknown"): still one key, and bounded
