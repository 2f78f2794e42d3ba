"""Optional sentence splitting with stanza, as upstream argostranslate does it.

Off by default (`translation.splitter: rules`): stanza imports torch, which the
default install leaves out. Users who want upstream's splitter install stanza
and torch themselves and set `translation.splitter: stanza`; the package's own
`stanza/` folder is used and nothing is downloaded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .models import ModelError, ModelInfo
from .segment import split_sentences

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "pip install 'stanza==1.10.1' torch --extra-index-url https://download.pytorch.org/whl/cpu "
    "(or set translation.splitter: rules)"
)

_pipelines: dict[str, Callable[[str, str], list[str]]] = {}
_lock = threading.Lock()


def stanza_splitter(model: ModelInfo) -> Callable[[str, str], list[str]]:
    """A `split(paragraph, lang)` backed by the package's stanza model (loaded once)."""
    key = str(model.path)
    with _lock:
        if key in _pipelines:
            return _pipelines[key]
        folder = model.path / "stanza"
        if not folder.is_dir():
            log.warning("package %s has no stanza/ folder; using the built-in sentence rules", model.label)
            _pipelines[key] = split_sentences
            return split_sentences
        try:
            import stanza
        except ImportError as exc:
            raise ModelError(f"translation.splitter is 'stanza' but stanza is not installed: {INSTALL_HINT}") from exc
        nlp = stanza.Pipeline(lang=model.from_code, dir=str(folder), processors="tokenize", use_gpu=False,
                              logging_level="WARNING", download_method=None)

        def split(paragraph: str, lang: str) -> list[str]:
            return [s.text.strip() for s in nlp(paragraph).sentences if s.text.strip()]

        _pipelines[key] = split
        return split
