"""HTML -> article fields: trafilatura for the body, the page's own statements
(JSON-LD, meta tags, <time>, URL) for metadata, cross-checked against each other.

One concern per module: `body` (which text is the article), `cleanup` (rules, as
data, for what trafilatura keeps that is not the article), `dates`, `titles`,
`authors`, `fields` (tags, language hints), `pool` (worker processes); `article`
ties them into `extract_article`. Helpers of the body choice: `statebody` (the
story from the page's JSON state), `sections` (headings and lists between story
paragraphs), `textsim` (shingle overlap), `jsonld` (the page's statements).
"""

from .article import Extracted, extract_article
from .body import _completes
from .pool import extract_many

__all__ = ["Extracted", "_completes", "extract_article", "extract_many"]
