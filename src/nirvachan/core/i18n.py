"""Compile the translation catalogues (.po → .mo) with Babel, so that no GNU gettext tools are
needed on the machine. Runs at start-up; only stale catalogues are rebuilt, atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger("nirvachan.i18n")


def compile_catalogs(root: Path) -> list[Path]:
    compiled = []
    for po in root.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        try:
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name)
            fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
            with os.fdopen(fd, "wb") as out:
                write_mo(out, catalog)
            os.replace(tmp, mo)
            compiled.append(mo)
        except OSError as exc:  # a read-only install: keep whatever .mo ships
            log.warning("could not compile %s: %s", po, exc)
    return compiled
