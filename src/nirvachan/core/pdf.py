"""Printable documents: one Django template for screen and print, rendered to a real PDF by
WeasyPrint with the Bengali and Devanagari fonts from their PyPI packages.

    pdf_bytes = render_pdf("finance/order_print.html", {"order": order}, lang="bn")

Templates extend "documents/print_base.html", which sets the page, the fonts and the language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from nirvachan.core.staticfinders import _font_dirs

_FAMILIES = {
    "HindSiliguri-Regular.ttf": ("Hind Siliguri", "400"),
    "HindSiliguri-SemiBold.ttf": ("Hind Siliguri", "600"),
    "HindSiliguri-Bold.ttf": ("Hind Siliguri", "700"),
    # a variable font; WeasyPrint takes one weight per @font-face rule
    "NotoSansDevanagari[wdth,wght].ttf": ("Noto Sans Devanagari", "400"),
}


@cache
def font_css() -> str:
    """@font-face rules pointing at the font files installed with the packages."""
    rules = []
    for directory in _font_dirs():
        for path in sorted(Path(directory).iterdir()):
            family = _FAMILIES.get(path.name)
            if family is None:
                continue
            rules.append(
                f'@font-face {{ font-family: "{family[0]}"; font-weight: {family[1]}; '
                f'src: url("{path.as_uri()}"); }}'
            )
    return "\n".join(rules)


def render_pdf(template_name: str, context: dict[str, Any], *, lang: str = "bn") -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango

    with translation.override(lang):
        html = render_to_string(template_name, {**context, "font_css": font_css(), "lang": lang})
    return HTML(string=html, base_url=str(Path(__file__).resolve().parent)).write_pdf()  # type: ignore[no-any-return]
