"""QR codes of public addresses, for the case page's citation and the handout."""

from __future__ import annotations

from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG (segno), to be scanned from a screen or paper."""
    import segno

    return Markup(segno.make(url, error="m").svg_inline(scale=2, border=2, svgclass="qr-code", lineclass=None,
                                                        omitsize=True))
