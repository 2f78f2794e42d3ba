"""Which translation models a demo gets: real Argos ru→en and zh→en packages when they
are installed or the Argos index answers quickly, else the committed test models, whose
English is placeholder text and must say so.

`scripts/run.sh` asks for "auto"; "real" insists (installs, or fails with a hint);
"test" never touches the network.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

TEST_MODELS_DIR = Path(__file__).resolve().parent.parent / "tests" / "models"

Mode = Literal["auto", "real", "test"]
PAIRS = (("ru", "en"), ("zh", "en"))
INDEX_CHECK_SECONDS = 4.0
TEST_BANNER = (
    "TEST MODELS: ru/zh articles are 'translated' by the tiny committed test models. Their English is "
    "placeholder text, not a translation of the article. For real translations: "
    "`.venv/bin/newspipe models install ru en` and `... zh en` (they download from the Argos index), "
    "then scripts/run.sh --models real."
)


@dataclass(frozen=True)
class ModelsChoice:
    kind: Literal["real", "test"]
    models_dir: Path
    why: str

    @property
    def banner(self) -> str | None:
        return TEST_BANNER if self.kind == "test" else None


def install_demo_models(target: Path) -> Path:
    """Install the committed test models into `target` (never downloads); pairs already there are kept."""
    from .translate.models import install_from_file, list_models

    target.mkdir(parents=True, exist_ok=True)
    have = {(m.from_code, m.to_code) for m in list_models(target)}
    for pkg in sorted(TEST_MODELS_DIR.glob("translate-*_*-*.argosmodel")):
        pair = tuple(pkg.stem.split("-")[1].split("_", 1))  # translate-ru_en-test -> (ru, en)
        if pair not in have:
            install_from_file(pkg, target)
    return target


def is_test_model(path: Path) -> bool:
    """The committed test packages install as translate-xx_en-test."""
    return path.name.endswith("-test")


def missing_real_pairs(models_dir: Path) -> list[tuple[str, str]]:
    from .translate.models import list_models

    have = {(m.from_code, m.to_code) for m in list_models(models_dir) if not is_test_model(m.path)}
    return [pair for pair in PAIRS if pair not in have]


def index_answers(timeout: float = INDEX_CHECK_SECONDS, url: str | None = None) -> bool:
    """Whether the Argos package index answers within `timeout` seconds, name lookup included
    (a socket timeout does not bound DNS, so the check runs in a thread we stop waiting for)."""
    import urllib.request

    if url is None:
        from argostranslate import settings as argos_settings

        url = argos_settings.remote_package_index
    answered = threading.Event()

    def probe() -> None:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout) as resp:
                if resp.status < 400:
                    answered.set()
        except Exception as exc:  # any failure means "not now": the caller falls back
            log.debug("argos index %s: %s", url, exc)

    thread = threading.Thread(target=probe, name="argos-index-check", daemon=True)
    thread.start()
    thread.join(timeout)
    return answered.is_set()


def choose_models(mode: Mode, test_dir: Path, real_dir: Path | None = None, *,
                  index_timeout: float = INDEX_CHECK_SECONDS, index_url: str | None = None) -> ModelsChoice:
    """Resolve `mode` to a models folder. Raises RuntimeError when "real" cannot be had."""
    from .translate.models import IndexUnavailable, ModelError, default_models_dir, install_from_index

    if mode == "test":
        return ModelsChoice("test", install_demo_models(test_dir), "asked for test models")
    real_dir = default_models_dir(real_dir)
    missing = missing_real_pairs(real_dir)
    if not missing:
        return ModelsChoice("real", real_dir, f"real ru→en and zh→en packages found in {real_dir}")
    names = ", ".join(f"{a}→{b}" for a, b in missing)
    if not index_answers(index_timeout, index_url):
        why = f"real {names} packages missing in {real_dir} and the Argos index did not answer (waited at most {index_timeout:.0f} s)"
        if mode == "real":
            raise RuntimeError(f"{why}; install them with `newspipe models install FILE.argosmodel` or run with --models test")
        return ModelsChoice("test", install_demo_models(test_dir), why)
    try:
        for src, dst in missing:
            log.info("installing the real %s→%s model from the Argos index into %s ...", src, dst, real_dir)
            install_from_index(src, dst, real_dir)
    except (IndexUnavailable, ModelError) as exc:
        if mode == "real":
            raise RuntimeError(str(exc)) from exc
        return ModelsChoice("test", install_demo_models(test_dir), f"installing real models failed: {exc}")
    return ModelsChoice("real", real_dir, f"installed real {names} packages into {real_dir}")
