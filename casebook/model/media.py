"""Where the images a case uses are published: cases/_media/<the path under cases/>.

The validator finds a body's images with IMAGE_RE (Markdown's ![说明](路径)); the site copies each to
its media path, and the page and the handout point at the copy.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote

IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\(\s*<?([^)\s>]+)")


def file_part(url: str) -> str:
    """The file path of a local reference: query and fragment dropped, percent-escapes decoded."""
    return unquote(url.split("#")[0].split("?")[0])


MEDIA_DIR = "cases/_media"  # site folder for images copied from cases/ (no slug starts with _)


def media_path(case_path: str, url: str) -> str:
    """Site path of a local image: cases/_media/<its path under cases/>."""
    folder = PurePosixPath(case_path).parent  # e.g. cases/jilin
    rel = PurePosixPath(*folder.parts[1:]) / file_part(url)
    return f"{MEDIA_DIR}/{rel.as_posix()}"


def replace_images(body: str, images, target) -> str:
    """Give each of the body's local images (``images``, as written) the address ``target(url)``."""
    if not images:
        return body

    def swap(match: re.Match) -> str:
        url = match.group(1)
        if url not in images:
            return match.group(0)
        start, end = match.start(1) - match.start(0), match.end(1) - match.start(0)
        whole = match.group(0)
        return whole[:start] + target(url) + whole[end:]

    return IMAGE_RE.sub(swap, body)


def rewrite_images(body: str, case_path: str, images) -> str:
    """Point the body's local images at their copies under cases/_media/ (relative to cases/<slug>.md)."""
    return replace_images(body, images, lambda url: media_path(case_path, url)[len("cases/"):])
