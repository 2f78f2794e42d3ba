"""Installed Argos translation packages: find, list and install them.

Packages follow argostranslate's on-disk convention (one directory per package
with ``metadata.json``, ``model/`` and ``sentencepiece.model``) so packages
installed with ``argospm`` work here and ours work with argostranslate. We read
that layout ourselves and unpack archives ourselves because argostranslate's
installer imports its translate module (stanza → torch), which we do not ship.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

log = logging.getLogger(__name__)

MAX_UNPACKED_BYTES = 8 * 1024**3  # refuse archives that unpack to more (zip bombs)
INSTALL_HINT = "newspipe models install {src} {tgt}"
FILE_HINT = "newspipe models install FILE.argosmodel"


class ModelError(Exception):
    """A package could not be found, read or installed."""


class ModelMissing(ModelError):
    """No installed package translates ``from_code`` → ``to_code``."""

    def __init__(self, from_code: str, to_code: str, models_dir: Path):
        self.from_code, self.to_code, self.models_dir = from_code, to_code, models_dir
        super().__init__(
            f"no translation model for {from_code}→{to_code} in {models_dir}; install it with "
            f"`{INSTALL_HINT.format(src=from_code, tgt=to_code)}` (needs network) or `{FILE_HINT}`"
        )

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"


class IndexUnavailable(ModelError):
    """The Argos package index or a package download could not be reached."""


@dataclass(frozen=True)
class ModelInfo:
    """One installed translate package."""

    name: str  # argospm name, e.g. "translate-ru_en"
    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def label(self) -> str:
        """What lands in ``translation_model``: name and version."""
        return f"{self.name} {self.version}"


def default_models_dir(models_dir: str | Path | None = None) -> Path:
    """Explicit dir, else argostranslate's: $ARGOS_PACKAGES_DIR or $XDG_DATA_HOME/argos-translate/packages."""
    if models_dir:
        return Path(models_dir).expanduser()
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "argos-translate" / "packages"


def _read_metadata(pkg_dir: Path) -> dict:
    try:
        meta = json.loads((pkg_dir / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{pkg_dir}: no metadata.json") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{pkg_dir}/metadata.json: unreadable: {exc}") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{pkg_dir}/metadata.json: expected a JSON object")
    return meta


def _validate_metadata(meta: dict, where: str) -> None:
    for key in ("from_code", "to_code", "package_version"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise ModelError(f"{where}: metadata.json lacks {key!r}")
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"{where}: package type {meta.get('type')!r} is not 'translate'")


def _info(pkg_dir: Path, meta: dict) -> ModelInfo:
    ptype = meta.get("type", "translate")
    return ModelInfo(
        name=f"{ptype}-{meta['from_code']}_{meta['to_code']}",
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=str(meta["package_version"]),
        path=pkg_dir,
        target_prefix=str(meta.get("target_prefix") or ""),
    )


def load_model_info(pkg_dir: Path) -> ModelInfo:
    meta = _read_metadata(pkg_dir)
    _validate_metadata(meta, str(pkg_dir))
    if not (pkg_dir / "model").is_dir():
        raise ModelError(f"{pkg_dir}: no model/ directory")
    return _info(pkg_dir, meta)


def list_models(models_dir: str | Path | None = None) -> list[ModelInfo]:
    """Installed translate packages (broken ones are logged and skipped)."""
    root = default_models_dir(models_dir)
    if not root.is_dir():
        return []
    found: list[ModelInfo] = []
    for pkg_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            found.append(load_model_info(pkg_dir))
        except ModelError as exc:
            log.warning("skipping package: %s", exc)
    return found


list_installed = list_models  # name used by the main CLI's demo


def _version_key(version: str) -> tuple:
    try:
        from packaging.version import Version

        return (1, Version(version))
    except Exception:  # noqa: BLE001 - odd version strings sort below valid ones
        return (0, version)


def find_model(from_code: str, to_code: str, models_dir: str | Path | None = None) -> ModelInfo:
    """The newest installed package for the pair, or ``ModelMissing``."""
    candidates = [m for m in list_models(models_dir) if m.from_code == from_code and m.to_code == to_code]
    if not candidates:
        raise ModelMissing(from_code, to_code, default_models_dir(models_dir))
    return max(candidates, key=lambda m: _version_key(m.version))


def _safe_members(zf: zipfile.ZipFile, where: str) -> tuple[str, list[zipfile.ZipInfo]]:
    """Check every member stays inside one top-level directory; return that directory."""
    tops: set[str] = set()
    total = 0
    for info in zf.infolist():
        name = info.filename
        if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            raise ModelError(f"{where}: refusing absolute or non-POSIX member path {name!r}")
        parts = PurePosixPath(name).parts
        if not parts or any(p in ("..", "") for p in parts):
            raise ModelError(f"{where}: refusing member path escaping the target directory {name!r}")
        ftype = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver stored no Unix mode
        if ftype and ftype not in (stat.S_IFREG, stat.S_IFDIR):
            raise ModelError(f"{where}: refusing symlink or special file {name!r}")
        total += info.file_size
        tops.add(parts[0])
    if len(tops) != 1:
        raise ModelError(f"{where}: expected exactly one top-level directory, found {sorted(tops)}")
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(f"{where}: unpacks to {total} bytes, over the {MAX_UNPACKED_BYTES} limit")
    top = tops.pop()
    if top in (".", "") or top.startswith("."):
        raise ModelError(f"{where}: bad top-level directory {top!r}")
    return top, zf.infolist()


def install_from_file(path: str | Path, models_dir: str | Path | None = None) -> ModelInfo:
    """Install an ``.argosmodel`` archive, replacing an installed copy of the same directory.

    Unpacks into a hidden temp dir next to the target and renames it into place,
    so readers never see a half-written package.
    """
    path = Path(path)
    root = default_models_dir(models_dir)
    if not path.is_file():
        raise ModelError(f"{path}: no such file (give FILE.argosmodel, or FROM TO language codes such as `ru en`)")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not an Argos package (must be a zip archive)")
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as zf:
        top, members = _safe_members(zf, str(path))
        try:
            meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
        except KeyError:
            raise ModelError(f"{path}: no {top}/metadata.json") from None
        except ValueError as exc:
            raise ModelError(f"{path}: metadata.json is not valid JSON: {exc}") from None
        if not isinstance(meta, dict):
            raise ModelError(f"{path}: metadata.json must be a JSON object")
        _validate_metadata(meta, str(path))
        names = {m.filename.rstrip("/") for m in members}
        if f"{top}/model/model.bin" not in names:
            raise ModelError(f"{path}: no {top}/model/model.bin (not a CTranslate2 package)")
        tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
        try:
            for info in members:
                dest = tmp.joinpath(*PurePosixPath(info.filename).parts)
                if not dest.resolve().is_relative_to(tmp.resolve()):  # belt and braces
                    raise ModelError(f"{path}: member {info.filename!r} escapes the target directory")
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            target = root / top
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=".old-", dir=root))
                target.rename(old / top)
                shutil.rmtree(old, ignore_errors=True)
            (tmp / top).rename(target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    installed = load_model_info(target)
    log.info("installed %s (%s→%s) into %s", installed.label, installed.from_code, installed.to_code, target)
    return installed


def install_from_index(from_code: str, to_code: str, models_dir: str | Path | None = None, timeout: float = 30.0) -> ModelInfo:
    """Download the pair's package from the Argos package index and install it."""
    import urllib.error
    import urllib.request

    from argostranslate import package as argos_package
    from argostranslate import settings as argos_settings

    url = argos_settings.remote_package_index
    offline_hint = f"without network, copy a package file here and run `{FILE_HINT}`"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            data = resp.read()
        json.loads(data)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise IndexUnavailable(f"cannot fetch the Argos package index {url} ({exc}); {offline_hint}") from None
    Path(argos_settings.local_package_index).write_bytes(data)
    available = [
        p for p in argos_package.get_available_packages()
        if p.type == "translate" and p.from_code == from_code and p.to_code == to_code
    ]
    if not available:
        raise ModelError(f"the Argos package index has no {from_code}→{to_code} package")
    best = max(available, key=lambda p: _version_key(p.package_version))
    try:
        downloaded = best.download()
    except Exception as exc:  # noqa: BLE001 - argostranslate raises bare Exception
        raise IndexUnavailable(f"download of {from_code}→{to_code} failed ({exc}); {offline_hint}") from None
    try:
        return install_from_file(downloaded, models_dir)
    finally:
        Path(downloaded).unlink(missing_ok=True)
