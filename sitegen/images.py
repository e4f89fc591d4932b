"""Published photos and placeholders.

A photo is decoded, turned upright, cropped to a square, resized and written as a fresh
JPEG: no byte of the original (EXIF, GPS positions, comments, colour profiles) reaches the
output. Without a photo, the page shows a placeholder with the member's initials.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from dataclasses import dataclass

from PIL import Image, ImageOps

from .hashes import content_hash
from .messages import msg
from .photos import PhotoProblem, decode


@dataclass(frozen=True, slots=True)
class Encoding:
    """Everything besides the original that decides a published photo's bytes."""

    size: int = 320  # pixels, width and height
    resample: str = "LANCZOS"  # a name of PIL.Image.Resampling
    quality: int = 82
    optimize: bool = True
    progressive: bool = True
    revision: int = 1  # raise it when `publish` makes other pixels of the same original (crop, orientation, colour)


ENCODING = Encoding()


def photo_hash(original: bytes, encoding: Encoding = ENCODING) -> str:
    """The content hash in a photo's file name, known before the photo is encoded: over the
    original and the encoding, so that a new size or quality also gives a new URL, instead of
    leaving browsers with the old image under the old one."""
    settings = json.dumps(dataclasses.asdict(encoding), sort_keys=True).encode("ascii")
    return content_hash(settings + b"\n" + original)


def publish(original: bytes, encoding: Encoding = ENCODING) -> bytes:
    """The photo as published, a JPEG; raises PhotoProblem. `check` runs this too, so a photo it
    passes never fails the build."""
    decoded = decode(original)
    try:
        image = ImageOps.exif_transpose(decoded)  # parses the EXIF block, which may be anything
        image = ImageOps.fit(image.convert("RGB"), (encoding.size, encoding.size), Image.Resampling[encoding.resample])
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken metadata
        raise PhotoProblem(
            "photo-invalid",
            msg("photo.exif"),
            msg("photo.export.hint"),
        ) from None
    # Pillow carries `info` (a JPEG comment, XMP, ICC text) through convert and fit, and its
    # JPEG writer saves the comment again: only the pixels go into a fresh image.
    pixels = Image.frombytes("RGB", image.size, image.tobytes())
    buffer = io.BytesIO()
    pixels.save(
        buffer, format="JPEG", quality=encoding.quality, optimize=encoding.optimize, progressive=encoding.progressive
    )
    return buffer.getvalue()


# Colours with a contrast of at least 4.5:1 against white text.
_PLACEHOLDER_COLOURS = ("#1f5f8b", "#7a3e9d", "#2e6b30", "#9c3d10", "#5b4a8c", "#0f6b6b", "#8a2846", "#4d5b1f")


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    capitals = [w for w in words if w[0].isupper()] or words
    if not capitals:
        return "?"
    letters = capitals[0][0] + (capitals[-1][0] if len(capitals) > 1 else "")
    return letters.upper()


def placeholder_colour(slug: str) -> str:
    return _PLACEHOLDER_COLOURS[hashlib.sha256(slug.encode()).digest()[0] % len(_PLACEHOLDER_COLOURS)]
