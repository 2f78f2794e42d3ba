"""URL canonicalization so that one article has one id.

Rules are general: lower-case scheme and host, drop default ports, fragments,
tracking parameters, empty queries and trailing slashes, sort what is left of
the query, and resolve dot segments.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "cmpid",
        "ocid", "ito", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
        "spm", "share", "from", "smid", "cid", "s_cid", "rss", "xtor", "at_medium", "at_campaign",
        "oref", "sr_share", "feature", "mod", "guccounter", "utm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "__")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MULTI_SLASH = re.compile(r"/{2,}")


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _normalize_path(path: str) -> str:
    if not path:
        return "/"
    # Re-quote consistently: unquote then quote keeps reserved chars stable.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    path = _MULTI_SLASH.sub("/", path)
    trailing = path.endswith("/")
    norm = posixpath.normpath(path)
    if norm == ".":
        norm = "/"
    if not norm.startswith("/"):
        norm = "/" + norm
    if trailing and norm != "/":
        norm += "/"
    if len(norm) > 1:
        norm = norm.rstrip("/")
    for index in ("/index.html", "/index.htm", "/index.php"):
        if norm.endswith(index):
            norm = norm[: -len(index)] or "/"
    return norm


def canonicalize(url: str) -> str:
    """Return the canonical form of an http(s) URL; raises ValueError otherwise."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise ValueError(f"URL has no host: {url!r}")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, _normalize_path(parts.path), urlencode(query, doseq=True), ""))


def join_url(base: str, ref: str) -> str | None:
    """The URL `ref` names, relative to `base`; None when no URL can be made of it
    ("http://[", "//[x]/a", a port past 65535), which urljoin and urlsplit raise on:
    a value from the web costs the one field or entry it is, never its page or feed."""
    try:
        joined = urljoin(base, ref)
        urlsplit(joined).port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    return joined


def host_of(url: str) -> str:
    """The URL's host, lower case; "" when it has none or none can be read ("http://[")."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def host_allowed(url: str, hosts: set[str]) -> bool:
    """True when the URL's host is one of `hosts` or a subdomain of one."""
    h = host_of(url)
    return any(h == allowed or h.endswith("." + allowed) for allowed in hosts)
