"""Selectors of extraction profiles: XPath, or a small CSS subset translated to XPath.

Kept apart from the extraction package so that validating the configuration
(pipeline.config) does not load the extractors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import lxml.etree

# the CSS subset: tag, .class, #id, [attr], [attr=value], joined without spaces; spaces = descendant
_CSS_PART = re.compile(r"""([a-zA-Z][\w-]*|\*)?((?:\.[\w-]+|\#[\w-]+|\[[\w:-]+(?:[~^$*]?=["']?[^\]"']*["']?)?\])*)$""")
_CSS_ATOM = re.compile(r"""\.([\w-]+)|\#([\w-]+)|\[([\w:-]+)(?:([~^$*]?=)["']?([^\]"']*)["']?)?\]""")


def _css_to_xpath(css: str) -> str:
    steps = []
    for part in css.split():
        m = _CSS_PART.match(part)
        if not m or not part:
            raise ValueError(f"unsupported selector {css!r}: use XPath, or CSS tag/.class/#id/[attr=value] with spaces")
        conds = []
        for cls, id_, attr, op, val in _CSS_ATOM.findall(m.group(2) or ""):
            if cls:
                conds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
            elif id_:
                conds.append(f"@id='{id_}'")
            elif not op:
                conds.append(f"@{attr}")
            elif op == "=":
                conds.append(f"@{attr}='{val}'")
            elif op == "*=":
                conds.append(f"contains(@{attr}, '{val}')")
            elif op == "^=":
                conds.append(f"starts-with(@{attr}, '{val}')")
            else:
                conds.append(f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {val} ')")
        steps.append((m.group(1) or "*") + "".join(f"[{c}]" for c in conds))
    return "//" + "//".join(steps)


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> Callable[[Any], Any]:
    """An XPath (starts with / or ( or ./) or simple CSS selector, compiled; ValueError if invalid."""
    s = selector.strip()
    xpath = s if s.startswith(("/", "(", "./")) else _css_to_xpath(s)
    try:
        compiled = lxml.etree.XPath(xpath)
        compiled(_PROBE)  # unknown functions and the like only fail when evaluated
    except (lxml.etree.XPathError, SyntaxError) as exc:
        raise ValueError(f"invalid selector {selector!r}: {exc}") from None
    return compiled


_PROBE = lxml.etree.fromstring("<html><body><div class='x' id='y'><p>probe</p></div></body></html>")
