"""HTML -> article fields: trafilatura for the body, the page's own statements
(JSON-LD, meta tags, <time>, URL) for metadata, cross-checked against each other.

One concern per module or package: `body` (which text is the article), `cleanup`
(rules, as data, for what trafilatura keeps that is not the article), `dates`,
`titles`, `authors`, `fields` (tags, language hints), `pool` (worker processes);
`article` ties them into `extract_article`. The body choice's helpers live in its
package: `passes` (trafilatura's passes, their text as the page prints it),
`passchoice` (which pass is the article), `prose` (running prose and link text, the
page's blocks), `spans` (the JSON-LD body's and the headline's span), `statebody`
(the story from the page's JSON state), `sections` (headings and lists between story
paragraphs), `textsim` (shingle overlap). Shared by all: `jsonld` (the page's
statements), `strings`, `sites`, `blocks`, `names`.
"""

from .article import Extracted, extract_article
from .pool import extract_many

__all__ = ["Extracted", "extract_article", "extract_many"]
