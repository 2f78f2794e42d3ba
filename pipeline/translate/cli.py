"""``newspipe models ...`` and ``newspipe translate``: manage packages, translate stdin.

Mounted by the main CLI (``pipeline/cli.py``); kept here so the translation
package owns its commands.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from .models import IndexUnavailable, ModelError, default_models_dir, install_from_file, install_from_index, list_models

log = logging.getLogger(__name__)

models_app = typer.Typer(help="List and install Argos translation packages.", no_args_is_help=True)

ModelsDir = Annotated[
    Path | None,
    typer.Option("--models-dir", help="packages dir (default: settings, $ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages)"),
]
_STDIN_CHUNK = 512  # lines translated per model call: bounded memory, still big batches


def _settings_models_dir() -> str | None:
    try:
        from pipeline.config import load_settings

        return load_settings().translation.models_dir
    except Exception:  # noqa: BLE001 - no settings file is fine here
        return None


def _models_dir(explicit: Path | None) -> Path:
    return default_models_dir(explicit or _settings_models_dir())


@models_app.command("list")
def list_command(models_dir: ModelsDir = None) -> None:
    """Show installed translation packages."""
    root = _models_dir(models_dir)
    models = list_models(root)
    if not models:
        typer.echo(f"no translation packages in {root}")
        return
    for m in models:
        typer.echo(f"{m.name}\t{m.from_code}→{m.to_code}\t{m.version}\t{m.path}")


@models_app.command("install")
def install_command(
    what: Annotated[list[str], typer.Argument(help="FILE.argosmodel, or FROM TO language codes (e.g. ru en)")],
    models_dir: ModelsDir = None,
) -> None:
    """Install from a local .argosmodel file or from the Argos package index."""
    root = _models_dir(models_dir)
    try:
        if len(what) == 1:
            info = install_from_file(Path(what[0]), root)
        elif len(what) == 2 and all(w.isalpha() and len(w) <= 3 for w in what):
            info = install_from_index(what[0], what[1], root)
        else:
            raise typer.BadParameter("give FILE.argosmodel or two language codes, e.g. `install ru en`")
    except ModelError as exc:  # the file or the pair given is wrong: bad input (exit 2)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except IndexUnavailable as exc:  # the index did not answer: the install failed (exit 1)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"installed {info.label} ({info.from_code}→{info.to_code}) in {info.path}")


def translate_command(
    source: Annotated[str, typer.Option("--source", "-s", help="source language code, e.g. ru or zh")],
    target: Annotated[str, typer.Option("--target", "-t", help="target language code")] = "en",
    models_dir: ModelsDir = None,
) -> None:
    """Translate stdin to stdout, one line in → one line out."""
    from pipeline.config import load_settings

    from .engine import load_translator
    from .models import ModelMissing, find_model
    from .stage import translate_texts

    settings = load_settings().translation
    if models_dir is not None:
        settings = settings.model_copy(update={"models_dir": str(models_dir)})
    try:
        translator = load_translator(find_model(source, target, settings.models_dir), settings)
    except ModelMissing as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except (ModelError, RuntimeError) as exc:
        typer.echo(f"error: cannot load the {source}→{target} model: {exc}", err=True)
        raise typer.Exit(1) from None

    def flush(lines: list[str]) -> None:
        if lines:
            outputs = translate_texts(translator, lines, source).texts
            sys.stdout.write("".join(o + "\n" for o in outputs))
            sys.stdout.flush()

    from pipeline.errors import stdin_lines

    chunk: list[str] = []
    for line in stdin_lines():  # not UTF-8: one line naming the input line, exit 2
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) >= _STDIN_CHUNK:
            flush(chunk)
            chunk = []
    flush(chunk)
