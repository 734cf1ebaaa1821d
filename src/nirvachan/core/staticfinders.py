"""Serve the Bengali and Devanagari fonts straight from their PyPI packages as static/fonts/."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

FONT_PACKAGES = ("fontpkg_hind_siliguri", "fontpkg_noto_sans_devanagari")
PREFIX = "fonts"


def _font_dirs() -> list[Path]:
    dirs = []
    for name in FONT_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            files = Path(spec.origin).parent / "files"
            if files.is_dir():
                dirs.append(files)
    return dirs


class FontPackageFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storages = {str(d): FileSystemStorage(location=str(d)) for d in _font_dirs()}
        for storage in self.storages.values():
            storage.prefix = PREFIX  # type: ignore[attr-defined]

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        find_all = find_all or kwargs.get("all", False)
        matches: list[str] = []
        prefix = f"{PREFIX}/"
        if path.startswith(prefix):
            name = path[len(prefix) :]
            for location in self.storages:
                candidate = Path(location) / name
                if "/" not in name and candidate.is_file():
                    if not find_all:
                        return str(candidate)
                    matches.append(str(candidate))
        return matches

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for storage in self.storages.values():
            for name in sorted(storage.listdir("")[1]):
                if name.endswith((".ttf", ".otf", ".woff", ".woff2")):
                    yield name, storage
