"""The address of the person behind a request, as the rate limits need it.

Behind a TLS proxy every request comes from the proxy's address, so limits
per ``REMOTE_ADDR`` lock everyone out together; the client's own address is in
``X-Forwarded-For``, but that header is written by whoever sends the request.
We read it only as far as ``TRUSTED_PROXIES`` allows: either a number of proxies
in front of the portal (the client is that many entries from the right) or the
proxies' addresses and networks (walk from the right past the trusted ones).
Without the setting the header is ignored.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(value: str):
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "1.2.3.4:5678"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _parse(setting: str) -> int | tuple[Network, ...]:
    setting = (setting or "").strip()
    if not setting:
        return 0
    if setting.isdigit():
        return int(setting)
    try:
        return tuple(
            ipaddress.ip_network(item.strip(), strict=False) for item in setting.split(",")
        )
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must be a number of proxies or a list of addresses: {exc}"
        ) from exc


def client_ip(request) -> str | None:
    """The client's address, or None when the request carries none that is valid."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    trusted = _parse(settings.TRUSTED_PROXIES)
    forwarded = [
        item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()
    ]
    if trusted and forwarded and isinstance(trusted, int):
        # The last proxy is REMOTE_ADDR (or a socket); each other proxy appended one entry.
        hops = [_address(item) for item in forwarded]
        picked = hops[-trusted] if len(hops) >= trusted else hops[0]
        if picked is not None:
            return str(picked)
    elif trusted and forwarded and remote is not None and _within(remote, trusted):
        for item in reversed(forwarded):
            hop = _address(item)
            if hop is None:
                break
            if not _within(hop, trusted):
                return str(hop)
    return str(remote) if remote else None


def _within(address, networks: tuple[Network, ...]) -> bool:
    return any(address in net for net in networks)
